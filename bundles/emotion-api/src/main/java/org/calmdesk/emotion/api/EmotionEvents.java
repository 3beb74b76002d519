package org.calmdesk.emotion.api;

/**
 * EventAdmin topics the emotion module posts after a change has committed.
 * The payload of each topic is a record of {@code org.calmdesk.emotion.api.events}
 * ({@code AgentAutoAssigned} for {@link #AUTO_ASSIGNED}, ...) with these properties as components.
 *
 * @since 1.1
 */
public final class EmotionEvents {

    public static final String TOPIC_PREFIX = "calmdesk/emotion/";

    /**
     * An agent handled more hostile tickets today than the team's threshold allows: posted once per
     * agent and day, the moment {@link #HOSTILE} first reaches {@link #THRESHOLD}. Carries
     * {@link #ASSIGNEE}, {@link #DATE} (ISO date in the configured zone), {@link #HOSTILE} (Integer),
     * {@link #TOTAL} (Integer), {@link #THRESHOLD} (Integer) and {@link #TICKET_ID} (the ticket that
     * crossed it).
     */
    public static final String EXPOSURE_THRESHOLD_CROSSED = TOPIC_PREFIX + "EXPOSURE_THRESHOLD_CROSSED";

    /**
     * The assignment helper gave an unassigned new ticket to an agent. Carries {@link #TICKET_ID},
     * {@link #ASSIGNEE}, {@link #CUSTOMER_ID} and {@link #REASON}.
     */
    public static final String AUTO_ASSIGNED = TOPIC_PREFIX + "AUTO_ASSIGNED";

    public static final String ASSIGNEE = "assignee";
    public static final String DATE = "date";
    public static final String HOSTILE = "hostile";
    public static final String TOTAL = "total";
    public static final String THRESHOLD = "threshold";
    public static final String TICKET_ID = "ticketId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String REASON = "reason";

    private EmotionEvents() {
    }
}
