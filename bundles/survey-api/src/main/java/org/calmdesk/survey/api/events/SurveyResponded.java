package org.calmdesk.survey.api.events;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.survey.api.SurveyEvents;

/**
 * A customer answered. Topic {@link SurveyEvents#RESPONDED}.
 *
 * @param invitationId the invitation
 * @param surveyId     the survey
 * @param customerId   the customer
 * @param ticketId     the ticket it was sent for, or null
 * @param csat         the first CSAT answer, or null
 * @param nps          the first NPS answer, or null
 */
public record SurveyResponded(String invitationId, String surveyId, String customerId, String ticketId, Integer csat,
        Integer nps) implements EventPayload {

    @Override
    public String topic() {
        return SurveyEvents.RESPONDED;
    }

    @Override
    public String resourceId() {
        return invitationId;
    }
}
