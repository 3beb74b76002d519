package org.calmdesk.events.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.calmdesk.core.events.BatchEventConsumer;
import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.testing.PostgresSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A consumer that writes in its delivery round's transaction (the webhook fan-out's way): its rows
 * commit with the cursor; when its writes fail, the round goes on from a savepoint and hands the
 * events one by one, and the cursor still moves (on PostgreSQL the failed statement would otherwise
 * abort the round's transaction and the cursor could never move).
 */
class InRoundConsumerTest {

    /** Its effect: one receipt row per event, under its own consumer name. */
    static final class ReceiptWriter implements InRoundConsumer, BatchEventConsumer {
        final DataSource db;
        final AtomicInteger inRoundFailures = new AtomicInteger();
        final AtomicInteger commits = new AtomicInteger();

        ReceiptWriter(DataSource db, int inRoundFailures) {
            this.db = db;
            this.inRoundFailures.set(inRoundFailures);
        }

        @Override
        public void consumeAll(Connection round, List<LoggedEvent> events) throws SQLException {
            write(round, events);
            if (inRoundFailures.getAndDecrement() > 0) {
                try (Statement broken = round.createStatement()) {
                    broken.execute("SELECT no_such_column FROM " + EventLog.CURSORS);
                }
            }
        }

        @Override
        public void committed() {
            commits.incrementAndGet();
        }

        @Override
        public void consumeAll(List<LoggedEvent> events) throws Exception {
            for (LoggedEvent event : events) {
                consume(event);
            }
        }

        @Override
        public void consume(LoggedEvent event) throws Exception {
            try (Connection own = db.getConnection()) {
                write(own, List.of(event));
            }
        }

        private static void write(Connection c, List<LoggedEvent> events) throws SQLException {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + EventLog.RECEIPTS
                    + " (consumer, event_id, received_at) VALUES ('test.in-round', ?, ?)")) {
                for (LoggedEvent event : events) {
                    insert.setString(1, event.id());
                    insert.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    @Test
    void onH2() throws Exception {
        EventLogAccess log = EventLogAccess.h2();
        try {
            run(log);
        } finally {
            log.close();
        }
    }

    @Test
    @EnabledIfSystemProperty(named = PostgresSchema.URL_PROPERTY, matches = ".+", disabledReason = "needs -Ppostgres")
    void onPostgres() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            EventLogAccess log = EventLogAccess.on(schema.dataSource());
            try {
                run(log);
            } finally {
                log.close();
            }
        }
    }

    private static void run(EventLogAccess log) throws Exception {
        ReceiptWriter writer = new ReceiptWriter(log.dataSource(), 0);
        Object subscriber = log.subscriber("test.in-round", writer);
        log.relayOnce(List.of(subscriber)); // makes its cursor, at the head
        for (int i = 0; i < 3; i++) {
            log.append(new DomainEvent("calmdesk/ticket/CREATED", "t" + i, "c1", java.util.Map.of("ticketId", "t" + i)));
        }
        log.relayOnce(List.of(subscriber));
        assertEquals(3, receipts(log), "written in the round");
        assertEquals(1, writer.commits.get(), "told once the round committed");
        assertEquals(head(log), cursor(log), "the cursor moved with them");

        writer.inRoundFailures.set(1);
        for (int i = 3; i < 5; i++) {
            log.append(new DomainEvent("calmdesk/ticket/CREATED", "t" + i, "c1", java.util.Map.of("ticketId", "t" + i)));
        }
        log.relayOnce(List.of(subscriber));
        assertEquals(5, receipts(log), "the round's own writes rolled back to the savepoint, then each event alone: once each");
        assertEquals(head(log), cursor(log), "and the cursor moved past them");
    }

    private static int receipts(EventLogAccess log) throws SQLException {
        return single(log, "SELECT COUNT(*) FROM " + EventLog.RECEIPTS + " WHERE consumer = 'test.in-round'");
    }

    private static int cursor(EventLogAccess log) throws SQLException {
        return single(log, "SELECT last_sequence FROM " + EventLog.CURSORS + " WHERE name = 'test.in-round'");
    }

    private static int head(EventLogAccess log) throws SQLException {
        return single(log, "SELECT last_sequence FROM " + EventLog.CURSORS + " WHERE name = 'sequencer'");
    }

    private static int single(EventLogAccess log, String sql) throws SQLException {
        try (Connection c = log.dataSource().getConnection(); Statement statement = c.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }
}
