package org.calmdesk.followup.api;

/**
 * EventAdmin topics of the follow-up module, posted after the change has committed.
 * Every event carries {@link #FOLLOW_UP_ID}, {@link #CUSTOMER_ID} and {@link #ACTOR};
 * {@link #TICKET_ID} is present when the follow-up belongs to a ticket.
 */
public final class FollowUpEvents {

    public static final String TOPIC_PREFIX = "calmdesk/followup/";
    /**
     * A follow-up was completed: carries {@link #CUSTOMER_SATISFIED} (Boolean) and {@link #SUMMARY}.
     * The ticket module closes a resolved ticket when the customer is satisfied and reopens it when not.
     */
    public static final String COMPLETED = TOPIC_PREFIX + "COMPLETED";

    public static final String FOLLOW_UP_ID = "followUpId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String TICKET_ID = "ticketId";
    public static final String CUSTOMER_SATISFIED = "customerSatisfied";
    public static final String SUMMARY = "summary";
    public static final String ACTOR = "actor";

    private FollowUpEvents() {
    }
}
