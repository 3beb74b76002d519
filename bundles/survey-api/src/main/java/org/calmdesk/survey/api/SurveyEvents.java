package org.calmdesk.survey.api;

/**
 * EventAdmin topics of the survey module, posted after the answer has committed. Every event
 * carries {@link #INVITATION_ID}, {@link #SURVEY_ID} and {@link #CUSTOMER_ID}; {@link #TICKET_ID}
 * is present when the invitation was sent for a ticket.
 */
public final class SurveyEvents {

    public static final String TOPIC_PREFIX = "calmdesk/survey/";
    /**
     * A customer answered dissatisfied (CSAT at most 2 or NPS at most 6): carries {@link #SCORE_KIND}
     * ({@code CSAT} or {@code NPS}) and {@link #SCORE} (Integer). The ticket module reopens the
     * ticket; without a ticket the follow-up module schedules a call-back.
     */
    public static final String DISSATISFIED = TOPIC_PREFIX + "DISSATISFIED";

    public static final String INVITATION_ID = "invitationId";
    public static final String SURVEY_ID = "surveyId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String TICKET_ID = "ticketId";
    public static final String SCORE_KIND = "scoreKind";
    public static final String SCORE = "score";

    private SurveyEvents() {
    }
}
