package org.calmdesk.ticket.api;

/** Filters of the ticket list; null means "any". {@code q} matches number, subject and description. */
public record TicketQuery(TicketStatus status, String customerId, TicketCategory category, Priority priority,
        String assignee, Boolean breached, String q) {

    public static TicketQuery all() {
        return new TicketQuery(null, null, null, null, null, null, null);
    }
}
