/** The event feed: the platform's event log as CRMs and admins read it. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.calmdesk.events.api;
