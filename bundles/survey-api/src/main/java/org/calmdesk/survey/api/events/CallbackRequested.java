package org.calmdesk.survey.api.events;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.survey.api.SurveyEvents;

/**
 * The policy replaced the survey of a heated ticket by a call-back: the follow-up module schedules
 * one at {@code dueAt}. Topic {@link SurveyEvents#CALLBACK_REQUESTED}.
 *
 * @param customerId the customer
 * @param ticketId   the heated ticket
 * @param dueAt      when to call (ISO-8601)
 * @param reason     why, e.g. {@code HEATED_TICKET}
 * @param score      the ticket's negativity, or null
 */
public record CallbackRequested(String customerId, String ticketId, String dueAt, String reason, Integer score)
        implements EventPayload {

    @Override
    public String topic() {
        return SurveyEvents.CALLBACK_REQUESTED;
    }

    @Override
    public String resourceId() {
        return ticketId;
    }
}
