package org.calmdesk.survey.api.events;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.survey.api.SurveyEvents;

/**
 * An invitation is ready to send, when created or when a delayed one falls due: the integrating
 * CRM delivers the link with the token. Topic {@link SurveyEvents#INVITED}.
 *
 * @param invitationId the invitation
 * @param surveyId     the survey
 * @param customerId   the customer
 * @param ticketId     the ticket it was sent for, or null
 * @param token        the invitation's token for the link
 * @param channel      how to send it
 */
public record SurveyInvited(String invitationId, String surveyId, String customerId, String ticketId, String token,
        String channel) implements EventPayload {

    @Override
    public String topic() {
        return SurveyEvents.INVITED;
    }

    @Override
    public String resourceId() {
        return invitationId;
    }
}
