package org.calmdesk.events.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.calmdesk.core.events.BatchEventConsumer;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.events.LoggedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's round of delivery, in one transaction: takes its cursor row (a row lock,
 * skipped when another node holds it), reads the log after it, hands the subscriber its events in
 * order, and moves the cursor past what it handled. A subscriber that throws stays at that event
 * and waits a growing delay (100 ms doubling, at most a minute) before it is tried again.
 */
final class DeliveryRound {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRound.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    /** About 20 minutes of retries with the backoff below. */
    static final int PARK_AFTER_ATTEMPTS = 25;

    private DeliveryRound() {
    }

    private static final class Cursor {
        final Subscriber subscriber;
        final long start;
        final int failures;
        long position;
        String error;
        String parked;

        Cursor(Subscriber subscriber, long start, int failures) {
            this.subscriber = subscriber;
            this.start = start;
            this.position = start;
            this.failures = failures;
        }
    }

    /** Makes the cursor rows of new subscribers: before the oldest event, or at the head (an existing row is kept). */
    static void ensureCursors(Connection connection, List<Subscriber> subscribers, Instant now) throws SQLException {
        connection.setAutoCommit(true);
        long head = -1;
        for (Subscriber subscriber : subscribers) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM " + EventLog.CURSORS + " WHERE name = ?")) {
                exists.setString(1, subscriber.cursor());
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        continue;
                    }
                }
            }
            if (head < 0) {
                head = Sequencer.head(connection);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + EventLog.CURSORS
                    + " (name, last_sequence, updated_at, failures) VALUES (?, ?, ?, 0)")) {
                insert.setString(1, subscriber.cursor());
                insert.setLong(2, subscriber.fromBeginning() ? 0 : head);
                insert.setTimestamp(3, Timestamp.from(now));
                insert.executeUpdate();
                LOG.info("Event consumer {} starts after sequence {}", subscriber.cursor(), subscriber.fromBeginning() ? 0 : head);
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                // Another node made it at the same moment: fine.
            }
        }
    }

    /**
     * Moves quiet cursors to {@code head} in one transaction, each only if it still stands where
     * this node left it ({@code expected}) and waits out no failure; those another node holds are
     * skipped, not waited for.
     *
     * @return the cursors moved
     */
    static List<String> moveQuiet(Connection connection, Map<String, Long> expected, long head, Instant now) throws SQLException {
        connection.setAutoCommit(false);
        try {
            List<String> movable = new ArrayList<>();
            String marks = String.join(", ", Collections.nCopies(expected.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement("SELECT name, last_sequence, failures FROM "
                    + EventLog.CURSORS + " WHERE name IN (" + marks + ") FOR UPDATE SKIP LOCKED")) {
                int i = 1;
                for (String cursor : expected.keySet()) {
                    select.setString(i++, cursor);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String cursor = rows.getString(1);
                        long position = rows.getLong(2);
                        if (rows.getInt(3) == 0 && position == expected.get(cursor) && position < head) {
                            movable.add(cursor);
                        }
                    }
                }
            }
            if (!movable.isEmpty()) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE " + EventLog.CURSORS
                        + " SET last_sequence = ?, updated_at = ? WHERE name = ?")) {
                    for (String cursor : movable) {
                        update.setLong(1, head);
                        update.setTimestamp(2, Timestamp.from(now));
                        update.setString(3, cursor);
                        update.addBatch();
                    }
                    update.executeBatch();
                }
            }
            connection.commit();
            return movable;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** What one subscriber's round did: events handed, and where its cursor stands (-1 when another node holds it or it waits out a failure). */
    record Outcome(int handed, long position) {
    }

    /** One subscriber's round in its own transaction (the relay runs these side by side, so a slow consumer holds up no other). */
    static Outcome run(Connection connection, Subscriber subscriber, int batch, Instant now) throws SQLException {
        connection.setAutoCommit(false);
        try {
            Optional<Cursor> locked = lock(connection, subscriber, now);
            if (locked.isEmpty()) {
                connection.rollback();
                return new Outcome(0, -1);
            }
            Cursor cursor = locked.get();
            // A subscriber of one topic pattern reads only its own events (the database filters),
            // up to a bound read first: every event up to it is visible, so when fewer than a batch
            // come back, the cursor may move to the bound past the other topics' events. A consumer
            // of one module's events among many would otherwise read and parse them all (issue 18:
            // a node's search index fell minutes behind under load).
            String topic = subscriber.topics().size() == 1 ? subscriber.topics().get(0) : null;
            long bound = subscriber.delay().isZero() ? Sequencer.head(connection)
                    // A delayed pass reads only the events it may hand now: it stands a whole delay
                    // behind the head and would otherwise re-read that stretch each round.
                    : EventLog.lastSequenceOccurredNotAfter(connection, cursor.start, now.minus(subscriber.delay()), batch);
            List<LoggedEvent> events = bound > cursor.start ? EventLog.read(connection, cursor.start, bound, topic, batch) : List.of();
            int handed = cursor.subscriber.consumer() instanceof RoundTransactionConsumer inRound
                    ? deliverInTransaction(connection, cursor, inRound, events)
                    : deliver(cursor, events);
            if (cursor.error == null && cursor.parked == null && events.size() < batch) {
                cursor.position = Math.max(cursor.position, bound); // the other topics' events up to there are not its
            }
            save(connection, cursor, now);
            connection.commit();
            if (handed > 0 && cursor.subscriber.consumer() instanceof RoundTransactionConsumer inRound) {
                inRound.committed();
            }
            return new Outcome(handed, cursor.error == null ? cursor.position : -1);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** The subscriber's cursor under its row lock; empty when another node holds it or it waits out a failure. */
    private static Optional<Cursor> lock(Connection connection, Subscriber subscriber, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT last_sequence, failures, updated_at FROM "
                + EventLog.CURSORS + " WHERE name = ? FOR UPDATE SKIP LOCKED")) {
            select.setString(1, subscriber.cursor());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                int failures = row.getInt("failures");
                Instant lastTry = row.getTimestamp("updated_at").toInstant();
                if (failures > 0 && now.isBefore(lastTry.plus(backoff(failures)))) {
                    return Optional.empty();
                }
                return Optional.of(new Cursor(subscriber, row.getLong("last_sequence"), failures));
            }
        }
    }

    /**
     * Hands the events to a consumer that writes in the round's transaction. On failure what it
     * wrote is undone (to a savepoint, as PostgreSQL refuses every later statement of a transaction
     * that failed one) and the cursor stays, to be tried again after its backoff.
     */
    private static int deliverInTransaction(Connection connection, Cursor cursor, RoundTransactionConsumer consumer,
            List<LoggedEvent> events) throws SQLException {
        List<LoggedEvent> wanted = events.stream()
                .filter(e -> e.sequence() > cursor.position && cursor.subscriber.wants(e.topic())).toList();
        if (!wanted.isEmpty()) {
            Savepoint before = connection.setSavepoint();
            try {
                consumer.consumeAll(connection, wanted);
            } catch (Exception e) {
                connection.rollback(before);
                cursor.error = e.toString();
                LOG.warn("Event consumer {} failed on {} events from #{}; retrying in {}: {}", cursor.subscriber.cursor(), wanted.size(),
                        wanted.get(0).sequence(), backoff(cursor.failures + 1), e.toString());
                LOG.debug("Event consumer failure", e);
                return 0;
            }
        }
        if (!events.isEmpty()) {
            cursor.position = Math.max(cursor.position, events.get(events.size() - 1).sequence());
        }
        return wanted.size();
    }

    private static int deliver(Cursor cursor, List<LoggedEvent> events) {
        if (cursor.subscriber.consumer() instanceof BatchEventConsumer batch && cursor.failures == 0) {
            List<LoggedEvent> wanted = events.stream()
                    .filter(e -> e.sequence() > cursor.position && cursor.subscriber.wants(e.topic())).toList();
            try {
                if (!wanted.isEmpty()) {
                    batch.consumeAll(wanted);
                }
                if (!events.isEmpty()) {
                    cursor.position = Math.max(cursor.position, events.get(events.size() - 1).sequence());
                }
                return wanted.size();
            } catch (Exception e) {
                // One by one below: that finds the event at fault and retries or parks it as usual.
                LOG.debug("Event consumer {} failed on a batch of {}; handing them one by one", cursor.subscriber.cursor(),
                        wanted.size(), e);
            }
        }
        int handed = 0;
        for (LoggedEvent event : events) {
            if (event.sequence() <= cursor.position) {
                continue;
            }
            if (cursor.subscriber.wants(event.topic())) {
                try {
                    cursor.subscriber.consumer().consume(event);
                    handed++;
                } catch (Exception e) {
                    if (cursor.failures + 1 >= PARK_AFTER_ATTEMPTS) {
                        // A poison event must not hold every later one back for ever: park it, loudly.
                        LOG.error("Event consumer {} gave up on event {} ({} #{}) after {} attempts and goes on without it: {}",
                                cursor.subscriber.cursor(), event.id(), event.topic(), event.sequence(), PARK_AFTER_ATTEMPTS,
                                e.toString());
                        cursor.parked = "parked event " + event.id() + " (" + event.topic() + " #" + event.sequence() + "): " + e;
                        cursor.position = event.sequence();
                        return handed;
                    }
                    cursor.error = e.toString();
                    if (cursor.failures + 1 >= 5) {
                        LOG.error("Event consumer {} failed {} times on event {} ({} #{}); retrying in {}: {}", cursor.subscriber.cursor(),
                                cursor.failures + 1, event.id(), event.topic(), event.sequence(), backoff(cursor.failures + 1), e.toString());
                    } else {
                        LOG.warn("Event consumer {} failed on event {} ({} #{}); retrying in {}: {}", cursor.subscriber.cursor(),
                                event.id(), event.topic(), event.sequence(), backoff(cursor.failures + 1), e.toString());
                    }
                    LOG.debug("Event consumer failure", e);
                    return handed;
                }
            }
            cursor.position = event.sequence();
        }
        return handed;
    }

    private static void save(Connection connection, Cursor cursor, Instant now) throws SQLException {
        boolean failed = cursor.error != null;
        if (!failed && cursor.parked == null && cursor.failures == 0 && cursor.position == cursor.start) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + EventLog.CURSORS
                + " SET last_sequence = ?, updated_at = ?, failures = ?, last_error = ? WHERE name = ?")) {
            update.setLong(1, cursor.position);
            update.setTimestamp(2, Timestamp.from(now));
            update.setInt(3, failed ? cursor.failures + 1 : 0);
            update.setString(4, failed ? truncate(cursor.error) : cursor.parked == null ? null : truncate(cursor.parked));
            update.setString(5, cursor.subscriber.cursor());
            update.executeUpdate();
        }
    }

    static Duration backoff(int failures) {
        long millis = 100L << Math.min(failures - 1, 20);
        return millis > MAX_BACKOFF.toMillis() ? MAX_BACKOFF : Duration.ofMillis(millis);
    }

    private static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
