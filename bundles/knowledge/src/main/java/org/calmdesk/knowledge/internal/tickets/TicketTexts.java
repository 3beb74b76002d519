package org.calmdesk.knowledge.internal.tickets;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.calmdesk.knowledge.api.ArticleCategory;
import org.calmdesk.ticket.api.Ticket;

/** How the problem library reads a ticket: its category and the text that describes the problem. */
public final class TicketTexts {

    private TicketTexts() {
    }

    /** Subject, description and tags: what the customer complained about. */
    public static String caseText(Ticket ticket) {
        return Stream.concat(Stream.of(ticket.subject(), ticket.description()),
                        ticket.tags() == null ? Stream.empty() : ticket.tags().stream())
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining("\n"));
    }

    /** Ticket and article categories share their names; anything else is OTHER. */
    public static ArticleCategory category(String ticketCategory) {
        if (ticketCategory == null) {
            return null;
        }
        try {
            return ArticleCategory.valueOf(ticketCategory.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ArticleCategory.OTHER;
        }
    }

    public static ArticleCategory category(Ticket ticket) {
        return ticket.category() == null ? null : category(ticket.category().name());
    }
}
