package org.calmdesk.ticket.api.events;

import java.util.List;

import org.calmdesk.ticket.api.TicketEvents;

/**
 * The ticket (the source) was closed as merged into another ticket of the same customer (the
 * target); appended once per source, in the merge's transaction, besides {@link TicketTransitioned}
 * and {@link TicketClosed} for the source's move to CLOSED. The follow-up module cancels the
 * source's open follow-ups and the survey module expires its pending invitations. Starts with the
 * properties of every ticket event ({@link TicketEvent}), which describe the source after the
 * merge. Topic {@link TicketEvents#MERGED}.
 *
 * @param ticketId         the merged ticket (the source)
 * @param number           its human-readable number
 * @param customerId       the customer who complained (of both tickets)
 * @param status           the source's status after the merge (CLOSED)
 * @param priority         its priority
 * @param category         its category
 * @param channel          where it came in
 * @param emotionLabel     the customer's emotion
 * @param emotionIntensity its intensity, 0 to 1
 * @param escalationLevel  how often an SLA target was missed
 * @param reopenCount      how often it was reopened
 * @param actor            who merged
 * @param assignee         the agent, when assigned, or null
 * @param negativity       the analyzer's 0-100 negativity, or null
 * @param signals          the analyzer's signals, or null when none
 * @param from             the source's status before the merge
 * @param targetId         the ticket it was merged into
 * @param targetNumber     that ticket's number
 */
public record TicketMerged(String ticketId, String number, String customerId, String status, String priority,
        String category, String channel, String emotionLabel, double emotionIntensity, int escalationLevel,
        int reopenCount, String actor, String assignee, Integer negativity, List<String> signals, String from,
        String targetId, String targetNumber) implements TicketEvent {

    @Override
    public String topic() {
        return TicketEvents.MERGED;
    }
}
