/** What a module needs to publish its REST endpoints on the Calmdesk platform. */
@Export
@Version("1.1.0")
package org.calmdesk.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
