/** ACME Bank's client-specific services; nothing is exported. */
package org.calmdesk.example.acme.internal;
