package org.calmdesk.ticket.api.events;

import java.util.List;

import org.calmdesk.ticket.api.TicketEvents;

/**
 * The ticket was resolved. The follow-up module schedules the promised call-back at
 * {@code followUpAt}, the survey module invites the customer (or requests a call-back for a heated
 * ticket), the knowledge module drafts an article from the case and the emotion module updates the
 * assignee's exposure. Starts with the properties of every ticket event ({@link TicketEvent}).
 * Topic {@link TicketEvents#RESOLVED}.
 *
 * @param ticketId          the ticket
 * @param number            its human-readable number
 * @param customerId        the customer who complained
 * @param status            the ticket's status after the change
 * @param priority          its priority
 * @param category          its category
 * @param channel           where it came in
 * @param emotionLabel      the customer's emotion
 * @param emotionIntensity  its intensity, 0 to 1
 * @param escalationLevel   how often an SLA target was missed
 * @param reopenCount       how often it was reopened
 * @param actor             who made the change ({@code system} for the module itself)
 * @param assignee          the agent, when assigned, or null
 * @param negativity        the analyzer's 0-100 negativity, or null
 * @param signals           the analyzer's signals, or null when none
 * @param from              the status before
 * @param to                the status after
 * @param subject           the subject (free text)
 * @param description       the description, or null (free text)
 * @param resolutionSummary what was done (free text)
 * @param rootCause         the root cause, or null (free text)
 * @param compensation      what the customer was given, or null (free text)
 * @param commitmentText    what was promised (free text)
 * @param followUpAt        when the promised follow-up is due (ISO-8601)
 */
public record TicketResolved(String ticketId, String number, String customerId, String status, String priority,
        String category, String channel, String emotionLabel, double emotionIntensity, int escalationLevel,
        int reopenCount, String actor, String assignee, Integer negativity, List<String> signals, String from,
        String to, String subject, String description, String resolutionSummary, String rootCause,
        String compensation, String commitmentText, String followUpAt) implements TicketEvent {

    @Override
    public String topic() {
        return TicketEvents.RESOLVED;
    }
}
