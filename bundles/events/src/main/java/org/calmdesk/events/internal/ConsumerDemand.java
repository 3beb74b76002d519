package org.calmdesk.events.internal;

/**
 * Implemented by a consumer of this bundle whose interest in its topics depends on what is
 * registered or configured now: EventAdmin's handlers, the active webhooks. When it wants none of
 * the new events, the relay reads none of them for it and moves its cursor with the other quiet
 * ones (see {@link EventRelay}): with no handler and no webhook, the default install, those two
 * consumers otherwise read, parsed and committed a round for every batch of events.
 */
public interface ConsumerDemand {

    /** Whether an event of this topic would be handled at all now; true when unsure. */
    boolean wantsNow(String topic);
}
