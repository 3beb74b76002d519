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

    public EventFeedStore feed() {
        return new EventFeedStore(log.dataSource);
    }

    public void close() {
        log.close();
    }
}
