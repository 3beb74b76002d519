/**
 * Follow-up scheduling (跟进/回访): the event topics the follow-up module posts, so other modules
 * (tickets) can react without importing its implementation.
 */
@Export
@Version("1.0.0")
package org.calmdesk.followup.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
