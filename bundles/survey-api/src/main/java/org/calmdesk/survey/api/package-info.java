/**
 * Feedback surveys (客户反馈机制): the event topics the survey module posts, so other modules
 * (tickets, follow-ups) can close the loop without importing its implementation.
 */
@Export
@Version("1.0.0")
package org.calmdesk.survey.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
