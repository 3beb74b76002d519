package org.calmdesk.followup.api;

import java.util.Set;

/**
 * EventAdmin topics of the follow-up module, posted after the change has committed.
 * Every event carries {@link #FOLLOW_UP_ID}, {@link #CUSTOMER_ID}, {@link #DUE_AT} (ISO-8601),
 * {@link #STATUS} and {@link #ACTOR}; {@link #TICKET_ID} and {@link #ASSIGNEE} when set.
 * The payload of each topic is a record of {@code org.calmdesk.followup.api.events}
 * ({@code FollowUpCompleted} for {@link #COMPLETED}, ...) with these properties as components.
 */
public final class FollowUpEvents {

    public static final String TOPIC_PREFIX = "calmdesk/followup/";
    /** A follow-up was scheduled (by hand, from a resolved ticket, or as the next of a series). */
    public static final String CREATED = TOPIC_PREFIX + "CREATED";
    /**
     * A follow-up was completed: carries {@link #CUSTOMER_SATISFIED} (Boolean) and {@link #SUMMARY}.
     * The ticket module closes a resolved ticket when the customer is satisfied and reopens it when not.
     */
    public static final String COMPLETED = TOPIC_PREFIX + "COMPLETED";
    public static final String CANCELLED = TOPIC_PREFIX + "CANCELLED";
    public static final String RESCHEDULED = TOPIC_PREFIX + "RESCHEDULED";
    /** A pending follow-up passed its due time without being done. Posted once, by one node. */
    public static final String OVERDUE = TOPIC_PREFIX + "OVERDUE";
    /** A pending follow-up is due within the configured reminder lead time. Posted once, by one node. */
    public static final String REMINDER = TOPIC_PREFIX + "REMINDER";

    public static final String FOLLOW_UP_ID = "followUpId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String TICKET_ID = "ticketId";
    public static final String ASSIGNEE = "assignee";
    public static final String DUE_AT = "dueAt";
    public static final String STATUS = "status";
    public static final String CUSTOMER_SATISFIED = "customerSatisfied";
    public static final String SUMMARY = "summary";
    public static final String ACTOR = "actor";

    /** The properties people write: redacted in the stored events when the customer is erased. */
    public static final Set<String> FREE_TEXT = Set.of(SUMMARY);

    private FollowUpEvents() {
    }
}
