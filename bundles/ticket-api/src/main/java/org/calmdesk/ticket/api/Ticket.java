package org.calmdesk.ticket.api;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A complaint ticket as the API returns it. {@code mergedInto} names the ticket a CLOSED ticket was
 * merged into (its duplicate); {@code splitFrom} the ticket this one was split from.
 */
public record Ticket(
        String id,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, example = "CD-000042") String number,
        String customerId,
        TicketChannel channel,
        TicketCategory category,
        String subject,
        String description,
        Emotion emotion,
        Priority priority,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, description = "Changed only through transitions") TicketStatus status,
        String assignee,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, minimum = "0", maximum = "3") int escalationLevel,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Sla sla,
        Resolution resolution,
        Commitment commitment,
        boolean waitingOnCustomer,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) int reopenCount,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt,
        long version,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, nullable = true,
                description = "Id of the ticket this one was merged into (then CLOSED); null when not merged") String mergedInto,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, nullable = true,
                description = "Id of the ticket this one was split from; null when not split off") String splitFrom) {

    /** A ticket neither merged nor split off (the shape before issue 19, kept for callers that build tickets). */
    @SuppressWarnings("java:S107")
    public Ticket(String id, String number, String customerId, TicketChannel channel, TicketCategory category,
            String subject, String description, Emotion emotion, Priority priority, TicketStatus status, String assignee,
            int escalationLevel, Sla sla, Resolution resolution, Commitment commitment, boolean waitingOnCustomer,
            int reopenCount, List<String> tags, Instant createdAt, Instant updatedAt, long version) {
        this(id, number, customerId, channel, category, subject, description, emotion, priority, status, assignee,
                escalationLevel, sla, resolution, commitment, waitingOnCustomer, reopenCount, tags, createdAt, updatedAt,
                version, null, null);
    }
}
