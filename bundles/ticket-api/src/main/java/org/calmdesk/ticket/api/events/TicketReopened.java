package org.calmdesk.ticket.api.events;

import java.util.List;

import org.calmdesk.ticket.api.TicketEvents;

/**
 * The customer was not satisfied and the ticket went back to work. The follow-up module cancels
 * the ticket's open follow-ups; the emotion module counts it as evidence for the customer's
 * profile and the assignee's exposure. Starts with the properties of every ticket event
 * ({@link TicketEvent}). Topic {@link TicketEvents#REOPENED}.
 *
 * @param ticketId         the ticket
 * @param number           its human-readable number
 * @param customerId       the customer who complained
 * @param status           the ticket's status after the change
 * @param priority         its priority
 * @param category         its category
 * @param channel          where it came in
 * @param emotionLabel     the customer's emotion
 * @param emotionIntensity its intensity, 0 to 1
 * @param escalationLevel  how often an SLA target was missed
 * @param reopenCount      how often it was reopened
 * @param actor            who made the change ({@code system} for the module itself)
 * @param assignee         the agent, when assigned, or null
 * @param negativity       the analyzer's 0-100 negativity, or null
 * @param signals          the analyzer's signals, or null when none
 * @param from             the status before
 * @param to               the status after
 */
public record TicketReopened(String ticketId, String number, String customerId, String status, String priority,
        String category, String channel, String emotionLabel, double emotionIntensity, int escalationLevel,
        int reopenCount, String actor, String assignee, Integer negativity, List<String> signals, String from,
        String to) implements TicketEvent {

    @Override
    public String topic() {
        return TicketEvents.REOPENED;
    }
}
