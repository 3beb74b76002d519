/**
 * Problem library (问题库): known problems with their root cause, solution and handling scripts
 * (话术), reviewed periodically (定期复盘) and fed from resolved tickets. The service other modules
 * and the console use, the DTOs of the REST contract and the event topics the module posts.
 */
@Export
@Version("1.0.0")
package org.calmdesk.knowledge.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
