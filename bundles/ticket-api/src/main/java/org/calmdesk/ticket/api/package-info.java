/**
 * Complaint tickets (投诉工单): the service other modules and the console use, the DTOs of the
 * REST contract, the five-step flow, the event topics the module posts, and the guidance SPI
 * other modules contribute playbook content and articles to.
 */
@Export
@Version("1.3.0")
package org.calmdesk.ticket.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
