package org.calmdesk.ticket.api;

import java.util.List;

/**
 * What to do and say next on a ticket: the strategy for the customer's temperament, the current
 * step of the five-step flow, concrete actions and scripts, pitfalls to avoid, and suggested
 * problem-library articles. {@code contributors} names the modules that added to it.
 */
public record Guidance(String ticketId, String number, TicketStatus status, String temperament, String language,
        String strategy, Step step, List<String> doNext, List<String> say, List<String> pitfalls,
        List<SuggestedArticle> articles, List<String> contributors) {

    /** A step of the flow: {@code key} is the status, {@code name} its name in the seeds, {@code goal} what it is for. */
    public record Step(String key, String name, String goal) {
    }
}
