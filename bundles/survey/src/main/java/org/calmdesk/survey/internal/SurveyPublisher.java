package org.calmdesk.survey.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.calmdesk.survey.api.Invitation;
import org.calmdesk.survey.api.Question;
import org.calmdesk.survey.api.QuestionType;
import org.calmdesk.survey.api.SurveyAnswer;
import org.calmdesk.survey.api.SurveyEvents;
import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventLog;

/**
 * Appends the module's events, with the properties {@link SurveyEvents} names, to the running
 * transaction: callers make the change and its events one unit ({@code InvitationStore.atomically}).
 */
final class SurveyPublisher {

    SurveyPublisher() {
    }

    void invited(Invitation invitation) {
        Map<String, Object> props = base(invitation.id(), invitation.surveyId(), invitation.customerId(), invitation.ticketId());
        props.put(SurveyEvents.TOKEN, invitation.token());
        props.put(SurveyEvents.CHANNEL, invitation.channel().name());
        append(SurveyEvents.INVITED, invitation.id(), props);
    }

    /** RESPONDED always; DISSATISFIED when any CSAT is at most 2 or any NPS at most 6 (the lowest such score). */
    void answered(SurveyAnswer answer, List<Question> questions) {
        Map<String, Object> props = base(answer.invitationId(), answer.surveyId(), answer.customerId(), answer.ticketId());
        Integer worstCsat = null;
        Integer worstNps = null;
        for (Question q : questions) {
            if (answer.answers().get(q.key()) instanceof Integer value) {
                if (q.type() == QuestionType.CSAT) {
                    props.putIfAbsent(SurveyEvents.CSAT, value);
                    worstCsat = worstCsat == null ? value : Math.min(worstCsat, value);
                } else if (q.type() == QuestionType.NPS) {
                    props.putIfAbsent(SurveyEvents.NPS, value);
                    worstNps = worstNps == null ? value : Math.min(worstNps, value);
                }
            }
        }
        append(SurveyEvents.RESPONDED, answer.invitationId(), props);
        Map<String, Object> dissatisfied = base(answer.invitationId(), answer.surveyId(), answer.customerId(), answer.ticketId());
        if (worstCsat != null && Scoring.csatDissatisfied(worstCsat)) {
            dissatisfied.put(SurveyEvents.SCORE_KIND, "CSAT");
            dissatisfied.put(SurveyEvents.SCORE, worstCsat);
        } else if (worstNps != null && Scoring.npsDetractor(worstNps)) {
            dissatisfied.put(SurveyEvents.SCORE_KIND, "NPS");
            dissatisfied.put(SurveyEvents.SCORE, worstNps);
        } else {
            return;
        }
        append(SurveyEvents.DISSATISFIED, answer.invitationId(), dissatisfied);
    }

    /** A heated ticket gets a call-back (by the follow-up module) instead of a survey. */
    void callBackRequested(String customerId, String ticketId, Integer negativity, Instant dueAt) {
        Map<String, Object> props = new HashMap<>();
        props.put(SurveyEvents.CUSTOMER_ID, customerId);
        props.put(SurveyEvents.TICKET_ID, ticketId);
        props.put(SurveyEvents.DUE_AT, dueAt.toString());
        props.put(SurveyEvents.REASON, "HEATED_TICKET");
        props.put(SurveyEvents.SCORE, negativity);
        append(SurveyEvents.CALLBACK_REQUESTED, ticketId, props);
    }

    private static void append(String topic, String resourceId, Map<String, Object> props) {
        EventLog.append(new DomainEvent(topic, resourceId, (String) props.get(SurveyEvents.CUSTOMER_ID), props));
    }

    private static Map<String, Object> base(String invitationId, String surveyId, String customerId, String ticketId) {
        Map<String, Object> props = new HashMap<>();
        props.put(SurveyEvents.INVITATION_ID, invitationId);
        props.put(SurveyEvents.SURVEY_ID, surveyId);
        props.put(SurveyEvents.CUSTOMER_ID, customerId);
        if (ticketId != null) {
            props.put(SurveyEvents.TICKET_ID, ticketId);
        }
        return props;
    }
}
