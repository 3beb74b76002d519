package org.calmdesk.customer.api;

/**
 * EventAdmin topics the customer module posts after a change has committed.
 * Every event carries {@link #CUSTOMER_ID} and {@link #ACTOR}.
 * The payload of each topic is a record of {@code org.calmdesk.customer.api.events}
 * ({@code CustomerErased} for {@link #ERASED}, ...) with these properties as components.
 */
public final class CustomerEvents {

    public static final String TOPIC_PREFIX = "calmdesk/customer/";
    /** A customer was created. Also carries {@link #EXTERNAL_REF} when set. */
    public static final String CREATED = TOPIC_PREFIX + "CREATED";
    /** A customer's writable fields changed. Also carries {@link #EXTERNAL_REF} when set. */
    public static final String UPDATED = TOPIC_PREFIX + "UPDATED";
    /** Personal data was erased; modules holding personal data about this customer should erase theirs. */
    public static final String ERASED = TOPIC_PREFIX + "ERASED";
    /** What every module writes in place of an erased customer's own words. */
    public static final String ERASED_TEXT = "(erased)";
    /** An interaction was recorded; carries {@link #INTERACTION_ID}, {@link #CHANNEL} and, when known, {@link #EMOTION}. */
    public static final String INTERACTION_RECORDED = TOPIC_PREFIX + "INTERACTION_RECORDED";
    /**
     * A customer (the source) was merged into another (the target): every module moves the source's
     * records to the target. Carries {@link #TARGET_ID}, {@link #SOURCE_ID} and {@link #ACTOR}.
     */
    public static final String MERGED = TOPIC_PREFIX + "MERGED";
    /**
     * Seconds after which a module's {@link #MERGED} consumer applies each merge a second time
     * ({@code EventConsumer.REPLAY_AFTER}): a record written for the source in the moment the merge
     * was applied (a ticket whose customer check came just before the merge) is moved then too.
     */
    public static final String MERGE_REPLAY_SECONDS = "60";

    public static final String CUSTOMER_ID = "customerId";
    public static final String EXTERNAL_REF = "externalRef";
    public static final String ACTOR = "actor";
    public static final String INTERACTION_ID = "interactionId";
    public static final String CHANNEL = "channel";
    public static final String EMOTION = "emotion";
    public static final String TARGET_ID = "targetId";
    public static final String SOURCE_ID = "sourceId";

    private CustomerEvents() {
    }
}
