package org.calmdesk.followup.api;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

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
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) FollowUpStatus status,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, description = "Set by completing the follow-up") Outcome outcome,
        String recurrence,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) String seriesId,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) String punctuality,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
