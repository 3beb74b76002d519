/** Platform persistence support shared by every Calmdesk module. */
@Export
@Version("1.4.0")
package org.calmdesk.core.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
