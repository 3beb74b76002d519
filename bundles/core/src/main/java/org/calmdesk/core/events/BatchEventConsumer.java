package org.calmdesk.core.events;

import java.util.List;

/**
 * A durable consumer that takes a round's events in one call, for a consumer whose work per event
 * is a database write: one transaction for many events instead of one each (the webhook fan-out
 * otherwise added a commit per event to every create). Same contract as {@link EventConsumer}:
 * in sequence order, at least once, idempotent. When {@link #consumeAll} throws, the relay hands
 * the same events to {@link #consume} one by one, so the event at fault is found, retried and, if
 * it never succeeds, parked like any other consumer's.
 */
public interface BatchEventConsumer extends EventConsumer {

    /** The round's events this consumer subscribes to, in sequence order; all or nothing. */
    void consumeAll(List<LoggedEvent> events) throws Exception;
}
