/** Platform paging support shared by every Calmdesk module. */
@Export
@Version("1.0.0")
package org.calmdesk.core.paging;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
