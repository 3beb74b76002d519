/** Platform error support shared by every Calmdesk module. */
@Export
@Version("1.2.0")
package org.calmdesk.core.error;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
