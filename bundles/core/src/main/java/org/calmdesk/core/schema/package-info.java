/** Versioned schema migrations: each module runs its own Liquibase changelog before its persistence unit may use the database. */
@Export
@Version("1.0.0")
package org.calmdesk.core.schema;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
