/**
 * Customer records (客户档案): the service other modules and the console use, the DTOs of the
 * REST contract, the event topics the module posts, and the timeline SPI.
 */
@Export
@Version("1.4.0")
package org.calmdesk.customer.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
