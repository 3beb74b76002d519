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
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts the module's events, with the properties {@link SurveyEvents} names; each component that sends or records answers has one. */
final class SurveyPublisher {

    private final EventAdmin events;

    SurveyPublisher(EventAdmin events) {
        this.events = events;
    }

    void invited(Invitation invitation) {
        Map<String, Object> props = base(invitation.id(), invitation.surveyId(), invitation.customerId(), invitation.ticketId());
        props.put(SurveyEvents.TOKEN, invitation.token());
        props.put(SurveyEvents.CHANNEL, invitation.channel().name());
        events.postEvent(new Event(SurveyEvents.INVITED, props));
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
        events.postEvent(new Event(SurveyEvents.RESPONDED, props));
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
        events.postEvent(new Event(SurveyEvents.DISSATISFIED, dissatisfied));
    }

    /** A heated ticket gets a call-back (by the follow-up module) instead of a survey. */
    void callBackRequested(String customerId, String ticketId, Integer negativity, Instant dueAt) {
        Map<String, Object> props = new HashMap<>();
        props.put(SurveyEvents.CUSTOMER_ID, customerId);
        props.put(SurveyEvents.TICKET_ID, ticketId);
        props.put(SurveyEvents.DUE_AT, dueAt.toString());
        props.put(SurveyEvents.REASON, "HEATED_TICKET");
        props.put(SurveyEvents.SCORE, negativity);
        events.postEvent(new Event(SurveyEvents.CALLBACK_REQUESTED, props));
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
