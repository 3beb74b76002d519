package org.calmdesk.knowledge.internal.rest;

import java.util.Optional;

import org.calmdesk.knowledge.api.ArticleCategory;

/** Reads a ticket as a case to find articles for; present only while the ticket module runs. */
public interface TicketCases {

    /** A ticket as the problem library sees it: its category and the text describing the problem. */
    record TicketCase(String id, ArticleCategory category, String text) {
    }

    /** The ticket, or empty when no ticket has this id. */
    Optional<TicketCase> find(String ticketId);
}
