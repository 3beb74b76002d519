package org.calmdesk.events.internal;

import java.sql.Connection;

import javax.sql.DataSource;

import org.calmdesk.core.events.DomainEvent;

/** The package's test support, for tests in sub-packages (webhooks). */
public final class EventLogAccess {

    private final EventLogTestSupport log;

    private EventLogAccess(EventLogTestSupport log) {
        this.log = log;
    }

    public static EventLogAccess h2() {
        return new EventLogAccess(EventLogTestSupport.h2());
    }

    /** One node's view of a shared database. */
    public static EventLogAccess on(DataSource dataSource) {
        return new EventLogAccess(new EventLogTestSupport(dataSource));
    }

    public Object subscriber(String name, org.calmdesk.core.events.EventConsumer consumer) {
        return new Subscriber(name, java.util.List.of("calmdesk/*"), true, consumer);
    }

    /** One round of what EventRelay does on this node: number committed events, then deliver to the subscribers. */
    public void relayOnce(java.util.List<Object> subscribers) throws Exception {
        java.util.List<Subscriber> typed = subscribers.stream().map(Subscriber.class::cast).toList();
        try (Connection connection = log.dataSource.getConnection()) {
            Sequencer.run(connection, 500);
            DeliveryRound.ensureCursors(connection, typed, java.time.Instant.now());
            for (Subscriber subscriber : typed) {
                DeliveryRound.run(connection, subscriber, 500, java.time.Instant.now());
            }
        }
    }

    public DataSource dataSource() {
        return log.dataSource;
    }

    public void append(DomainEvent... events) {
        log.append(events);
    }

    public int sequence() throws Exception {
        try (Connection connection = log.dataSource.getConnection()) {
            return Sequencer.run(connection, 500);
        }
    }

    /** What {@link ErasureRedaction} does when a customer is erased; returns the events redacted. */
    public int redactCustomer(String customerId) throws Exception {
        try (Connection connection = log.dataSource.getConnection()) {
            return ErasureRedaction.redact(connection, customerId, java.time.Instant.now());
        }
    }

    public EventFeedStore feed() {
        return new EventFeedStore(log.dataSource);
    }

    public void close() {
        log.close();
    }
}
