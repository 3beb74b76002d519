package org.calmdesk.survey.api;

/**
 * EventAdmin topics of the survey module, posted after the answer has committed. Every event
 * carries {@link #INVITATION_ID}, {@link #SURVEY_ID} and {@link #CUSTOMER_ID}; {@link #TICKET_ID}
 * is present when the invitation was sent for a ticket.
 * The payload of each topic is a record of {@code org.calmdesk.survey.api.events}
 * ({@code SurveyResponded} for {@link #RESPONDED}, ...) with these properties as components.
 */
public final class SurveyEvents {

    public static final String TOPIC_PREFIX = "calmdesk/survey/";
    /**
     * An invitation is ready to send: carries {@link #TOKEN} and {@link #CHANNEL}; the integrating
     * CRM delivers the link. Posted when the invitation is created, or when a delayed one falls due.
     */
    public static final String INVITED = TOPIC_PREFIX + "INVITED";
    /** A customer answered: carries {@link #CSAT} and {@link #NPS} (Integer) when the survey asks them. */
    public static final String RESPONDED = TOPIC_PREFIX + "RESPONDED";
    /**
     * The policy replaced the survey of a heated ticket by a call-back: the follow-up module
     * schedules one at {@link #DUE_AT} for {@link #CUSTOMER_ID} and {@link #TICKET_ID}.
     */
    public static final String CALLBACK_REQUESTED = TOPIC_PREFIX + "CALLBACK_REQUESTED";
    /**
     * A customer answered dissatisfied (CSAT at most 2 or NPS at most 6): carries {@link #SCORE_KIND}
     * ({@code CSAT} or {@code NPS}) and {@link #SCORE} (Integer), the lowest dissatisfied score. The
     * ticket module reopens the ticket; without a ticket the follow-up module schedules a call-back.
     */
    public static final String DISSATISFIED = TOPIC_PREFIX + "DISSATISFIED";

    public static final String INVITATION_ID = "invitationId";
    public static final String SURVEY_ID = "surveyId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String TICKET_ID = "ticketId";
    public static final String SCORE_KIND = "scoreKind";
    public static final String SCORE = "score";
    public static final String TOKEN = "token";
    public static final String CHANNEL = "channel";
    public static final String CSAT = "csat";
    public static final String NPS = "nps";
    public static final String DUE_AT = "dueAt";
    /** Why a call-back was requested, e.g. {@code HEATED_TICKET}. */
    public static final String REASON = "reason";

    private SurveyEvents() {
    }
}
