package org.calmdesk.survey.api.events;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.survey.api.SurveyEvents;

/**
 * A customer answered dissatisfied (CSAT at most 2 or NPS at most 6). The ticket module reopens
 * the ticket; without a ticket the follow-up module schedules a call-back. Topic
 * {@link SurveyEvents#DISSATISFIED}.
 *
 * @param invitationId the invitation
 * @param surveyId     the survey
 * @param customerId   the customer
 * @param ticketId     the ticket it was sent for, or null
 * @param scoreKind    {@code CSAT} or {@code NPS}
 * @param score        the lowest dissatisfied score
 */
public record SurveyDissatisfied(String invitationId, String surveyId, String customerId, String ticketId,
        String scoreKind, int score) implements EventPayload {

    @Override
    public String topic() {
        return SurveyEvents.DISSATISFIED;
    }

    @Override
    public String resourceId() {
        return invitationId;
    }
}
