/**
 * Feedback surveys (客户反馈机制): templates, invitations, token-authenticated answers and reports;
 * the service the console and other modules use, the DTOs of the REST contract, and the event
 * topics the module posts so other modules (tickets, follow-ups) can close the loop without
 * importing its implementation.
 */
@Export
@Version("1.1.0")
package org.calmdesk.survey.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
