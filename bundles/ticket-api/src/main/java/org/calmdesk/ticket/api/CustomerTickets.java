package org.calmdesk.ticket.api;

import java.util.Objects;

import org.calmdesk.core.error.ValidationException;

/** The check a module makes before it records something for a customer's ticket. */
public final class CustomerTickets {

    private CustomerTickets() {
    }

    /**
     * The customer's ticket, or null when no ticket was named or the ticket module is away (the
     * id is then kept as given).
     *
     * @param tickets the module's optional reference, null while the ticket module is away
     * @throws ValidationException naming {@code ticketId} for an unknown ticket, another customer's, or
     *                             one merged into another ticket (400, naming that one)
     */
    public static Ticket requireOf(TicketService tickets, String ticketId, String customerId) {
        if (ticketId == null || ticketId.isBlank() || tickets == null) {
            return null;
        }
        Ticket ticket = tickets.find(ticketId.trim())
                .orElseThrow(() -> new ValidationException("ticketId", "no ticket with id '" + ticketId + "'"));
        if (!Objects.equals(ticket.customerId(), customerId)) {
            throw new ValidationException("ticketId", "ticket '" + ticketId + "' belongs to another customer");
        }
        if (ticket.mergedInto() != null) {
            throw new ValidationException("ticketId", "ticket '" + ticketId + "' has been merged into '" + ticket.mergedInto()
                    + "'");
        }
        return ticket;
    }
}
