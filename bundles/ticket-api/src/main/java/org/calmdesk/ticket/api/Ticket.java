package org.calmdesk.ticket.api;

import java.time.Instant;
import java.util.List;

/** A complaint ticket as the API returns it. */
public record Ticket(
        String id,
        String number,
        String customerId,
        TicketChannel channel,
        TicketCategory category,
        String subject,
        String description,
        Emotion emotion,
        Priority priority,
        TicketStatus status,
        String assignee,
        int escalationLevel,
        Sla sla,
        Resolution resolution,
        Commitment commitment,
        boolean waitingOnCustomer,
        int reopenCount,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
