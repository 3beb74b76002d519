/**
 * Follow-up scheduling (跟进/回访): promised call-backs and periodic visits. The service the console
 * and other modules use, the DTOs of the REST contract, and the event topics the module posts so
 * other modules (tickets) can react without importing its implementation.
 */
@Export
@Version("1.2.0")
package org.calmdesk.followup.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
