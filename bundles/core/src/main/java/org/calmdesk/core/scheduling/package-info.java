/** Periodic background work of the modules, on Karaf's scheduler. */
@Export
@Version("1.0.0")
package org.calmdesk.core.scheduling;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
