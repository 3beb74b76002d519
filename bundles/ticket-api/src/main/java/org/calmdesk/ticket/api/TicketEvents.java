package org.calmdesk.ticket.api;

import java.util.Set;

/**
 * EventAdmin topics the ticket module posts after a change has committed. Every event carries
 * {@link #TICKET_ID}, {@link #NUMBER}, {@link #CUSTOMER_ID}, {@link #STATUS}, {@link #PRIORITY},
 * {@link #CATEGORY}, {@link #CHANNEL}, {@link #EMOTION_LABEL}, {@link #EMOTION_INTENSITY} (Double),
 * {@link #ESCALATION_LEVEL} (Integer), {@link #REOPEN_COUNT} (Integer) and {@link #ACTOR};
 * {@link #ASSIGNEE}, {@link #NEGATIVITY} (Integer) and {@link #SIGNALS} (String[]) when known.
 * Timestamps are ISO-8601 strings. The payload of each topic is a record of
 * {@code org.calmdesk.ticket.api.events} ({@code TicketResolved} for {@link #RESOLVED}, ...) with
 * these properties as components.
 */
public final class TicketEvents {

    public static final String TOPIC_PREFIX = "calmdesk/ticket/";
    /** A ticket was opened. Also carries {@link #SUBJECT} and {@link #DESCRIPTION}. */
    public static final String CREATED = TOPIC_PREFIX + "CREATED";
    /** The first response: NEW to ACKNOWLEDGED. */
    public static final String ACKNOWLEDGED = TOPIC_PREFIX + "ACKNOWLEDGED";
    /** Any move of the flow; carries {@link #FROM} and {@link #TO}. Posted besides the specific topics. */
    public static final String TRANSITIONED = TOPIC_PREFIX + "TRANSITIONED";
    /**
     * Resolved. Also carries {@link #SUBJECT}, {@link #DESCRIPTION}, {@link #RESOLUTION_SUMMARY},
     * {@link #ROOT_CAUSE} and {@link #COMPENSATION} (when given), {@link #COMMITMENT_TEXT} and
     * {@link #FOLLOW_UP_AT}: the follow-up module schedules the promised call-back from it.
     */
    public static final String RESOLVED = TOPIC_PREFIX + "RESOLVED";
    /** The customer was not satisfied; carries {@link #FROM}. */
    public static final String REOPENED = TOPIC_PREFIX + "REOPENED";
    public static final String CLOSED = TOPIC_PREFIX + "CLOSED";
    /**
     * An SLA target was missed and the escalation level rose by one; carries {@link #BREACH}
     * ({@code FIRST_RESPONSE} or {@code RESOLUTION}) and {@link #FROM}/{@link #TO} levels.
     */
    public static final String ESCALATED = TOPIC_PREFIX + "ESCALATED";
    /** The assignee changed; carries {@link #FROM} (when there was one) and {@link #ASSIGNEE}. */
    public static final String ASSIGNED = TOPIC_PREFIX + "ASSIGNED";
    /**
     * The ticket (the source) was closed as merged into another: carries {@link #FROM} (the status
     * before), {@link #TARGET_ID} and {@link #TARGET_NUMBER}. The follow-up module cancels the
     * source's open follow-ups, the survey module expires its pending invitations.
     */
    public static final String MERGED = TOPIC_PREFIX + "MERGED";

    public static final String TICKET_ID = "ticketId";
    public static final String NUMBER = "number";
    public static final String CUSTOMER_ID = "customerId";
    public static final String STATUS = "status";
    public static final String PRIORITY = "priority";
    public static final String CATEGORY = "category";
    public static final String CHANNEL = "channel";
    public static final String ASSIGNEE = "assignee";
    public static final String EMOTION_LABEL = "emotionLabel";
    public static final String EMOTION_INTENSITY = "emotionIntensity";
    public static final String NEGATIVITY = "negativity";
    public static final String SIGNALS = "signals";
    public static final String ESCALATION_LEVEL = "escalationLevel";
    public static final String REOPEN_COUNT = "reopenCount";
    public static final String ACTOR = "actor";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String SUBJECT = "subject";
    public static final String DESCRIPTION = "description";
    public static final String RESOLUTION_SUMMARY = "resolutionSummary";
    public static final String ROOT_CAUSE = "rootCause";
    public static final String COMPENSATION = "compensation";
    public static final String COMMITMENT_TEXT = "commitmentText";
    public static final String FOLLOW_UP_AT = "followUpAt";
    public static final String BREACH = "breach";
    public static final String TARGET_ID = "targetId";
    public static final String TARGET_NUMBER = "targetNumber";

    /** The properties people write: redacted in the stored events when the customer is erased. */
    public static final Set<String> FREE_TEXT = Set.of(SUBJECT, DESCRIPTION, RESOLUTION_SUMMARY, ROOT_CAUSE, COMPENSATION,
            COMMITMENT_TEXT);

    private TicketEvents() {
    }
}
