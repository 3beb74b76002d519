package org.calmdesk.followup.api;

import java.time.Instant;

/** What the follow-up found out. */
public record Outcome(String summary, boolean customerSatisfied, Instant completedAt) {
}
