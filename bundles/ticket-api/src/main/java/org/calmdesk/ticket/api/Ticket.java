package org.calmdesk.ticket.api;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A complaint ticket as the API returns it. */
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
        long version) {
}
