package org.calmdesk.survey.internal;

import java.time.Instant;
import java.util.List;

import org.calmdesk.survey.api.Invitation;
import org.calmdesk.survey.api.Question;
import org.calmdesk.survey.api.QuestionType;
import org.calmdesk.survey.api.SurveyAnswer;
import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.events.EventPayload;
import org.calmdesk.survey.api.events.CallbackRequested;
import org.calmdesk.survey.api.events.SurveyDissatisfied;
import org.calmdesk.survey.api.events.SurveyInvited;
import org.calmdesk.survey.api.events.SurveyResponded;

/**
 * Appends the module's event records to the running transaction: callers make the change and its
 * events one unit ({@code InvitationStore.atomically}).
 */
final class SurveyPublisher {

    SurveyPublisher() {
    }

    void invited(Invitation invitation) {
        append(new SurveyInvited(invitation.id(), invitation.surveyId(), invitation.customerId(), invitation.ticketId(),
                invitation.token(), invitation.channel().name()));
    }

    /** RESPONDED always; DISSATISFIED when any CSAT is at most 2 or any NPS at most 6 (the lowest such score). */
    void answered(SurveyAnswer answer, List<Question> questions) {
        Integer firstCsat = null;
        Integer firstNps = null;
        Integer worstCsat = null;
        Integer worstNps = null;
        for (Question q : questions) {
            if (answer.answers().get(q.key()) instanceof Integer value) {
                if (q.type() == QuestionType.CSAT) {
                    firstCsat = firstCsat == null ? value : firstCsat;
                    worstCsat = worstCsat == null ? value : Math.min(worstCsat, value);
                } else if (q.type() == QuestionType.NPS) {
                    firstNps = firstNps == null ? value : firstNps;
                    worstNps = worstNps == null ? value : Math.min(worstNps, value);
                }
            }
        }
        append(new SurveyResponded(answer.invitationId(), answer.surveyId(), answer.customerId(), answer.ticketId(),
                firstCsat, firstNps));
        if (worstCsat != null && Scoring.csatDissatisfied(worstCsat)) {
            append(new SurveyDissatisfied(answer.invitationId(), answer.surveyId(), answer.customerId(), answer.ticketId(),
                    "CSAT", worstCsat));
        } else if (worstNps != null && Scoring.npsDetractor(worstNps)) {
            append(new SurveyDissatisfied(answer.invitationId(), answer.surveyId(), answer.customerId(), answer.ticketId(),
                    "NPS", worstNps));
        }
    }

    /** A heated ticket gets a call-back (by the follow-up module) instead of a survey. */
    void callBackRequested(String customerId, String ticketId, Integer negativity, Instant dueAt) {
        append(new CallbackRequested(customerId, ticketId, dueAt.toString(), "HEATED_TICKET", negativity));
    }

    private static void append(EventPayload payload) {
        EventLog.append(DomainEvent.of(payload));
    }
}
