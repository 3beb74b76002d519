package org.calmdesk.followup.api;

import java.time.Instant;

/**
 * A follow-up as the API returns it. {@code recurrence} is an ISO-8601 period (P30D, P1M) or null;
 * {@code seriesId} links the occurrences of one recurring follow-up; {@code punctuality} is
 * ON_TIME or LATE once DONE.
 */
public record FollowUp(
        String id,
        String customerId,
        String ticketId,
        Instant dueAt,
        FollowUpChannel channel,
        String purpose,
        String assignee,
        FollowUpStatus status,
        Outcome outcome,
        String recurrence,
        String seriesId,
        String punctuality,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
