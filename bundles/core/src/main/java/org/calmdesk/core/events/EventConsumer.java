package org.calmdesk.core.events;

/**
 * A durable consumer of the event log (whiteboard service). The relay hands it every event whose
 * topic matches {@link #TOPICS}, in sequence order, from where it last stood: its position is kept
 * in the database under {@link #NAME}, so a consumer installed later, or stopped for a while,
 * catches up, and one node of several runs it at a time. Delivery is at least once: an event can
 * come again after a crash, so {@link #consume} must be idempotent (by {@link LoggedEvent#id()} or
 * by the state it changes). An exception leaves the consumer at that event and it is retried
 * with growing delays; the consumers after it in the list are not held up.
 *
 * <pre>
 * &#64;Component(property = {EventConsumer.NAME + "=followup.ticket-commitments",
 *         EventConsumer.TOPICS + "=calmdesk/ticket/RESOLVED"})
 * </pre>
 */
@FunctionalInterface
public interface EventConsumer {

    /** Service property: the consumer's unique, stable name (its cursor). Required. */
    String NAME = "calmdesk.event.consumer";
    /** Service property: topics, exact or ending in {@code *} ({@code calmdesk/ticket/*}). Required. */
    String TOPICS = "calmdesk.event.topics";
    /**
     * Service property: where a consumer seen for the first time starts: {@code beginning} (the
     * default: everything the log still holds, for what must not be missed, such as erasures) or
     * {@code now} (only what is appended from then on).
     */
    String START = "calmdesk.event.start";
    /**
     * Service property: {@code node} for a consumer that keeps something each node has for itself
     * (a cache, a search index): every node runs it, with a cursor of its own. By default one node
     * of several runs a consumer.
     */
    String SCOPE = "calmdesk.event.scope";
    /**
     * Service property: seconds after which each event is handed to the consumer a second time
     * (under a cursor of its own, {@code <name>.replay}). For an effect that a write racing with it
     * can miss: a ticket created for a customer in the moment that customer's merge was being
     * applied still carries the merged customer's id, and the second pass moves it too. The
     * consumer must be idempotent, as always.
     */
    String REPLAY_AFTER = "calmdesk.event.replayAfterSeconds";

    void consume(LoggedEvent event) throws Exception;
}
