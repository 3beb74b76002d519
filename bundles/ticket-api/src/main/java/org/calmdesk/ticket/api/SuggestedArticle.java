package org.calmdesk.ticket.api;

/** A problem-library article that fits a ticket, best first by {@code score}. */
public record SuggestedArticle(String id, String title, double score, String highlight) {
}
