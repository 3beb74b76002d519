/** What a module's console commands share: who is at the console. */
@Export
@Version("1.0.0")
package org.calmdesk.rest.shell;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
