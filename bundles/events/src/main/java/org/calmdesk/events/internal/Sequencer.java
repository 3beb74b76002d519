package org.calmdesk.events.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.calmdesk.core.events.EventLog;

/**
 * Numbers committed events. Modules insert with {@code sequence} NULL because identity order is not
 * commit order (a transaction that took id 10 can commit after one that took 11). One node at a
 * time (the row lock of the {@value #NAME} cursor, skipped when another node holds it) gives the
 * rows it can see the next numbers, in identity order, and commits: so sequence order is the
 * order rows became visible, and a reader that pages by sequence never passes over a row that
 * shows up later.
 */
final class Sequencer {

    static final String NAME = "sequencer";

    private Sequencer() {
    }

    /** Numbers up to {@code batch} events; returns how many (0 also when another node is numbering). */
    static int run(Connection connection, int batch) throws SQLException {
        connection.setAutoCommit(false);
        try {
            long last;
            try (PreparedStatement lock = connection.prepareStatement("SELECT last_sequence FROM " + EventLog.CURSORS
                    + " WHERE name = ? FOR UPDATE SKIP LOCKED")) {
                lock.setString(1, NAME);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        connection.rollback();
                        return 0;
                    }
                    last = row.getLong(1);
                }
            }
            List<Long> unnumbered = new ArrayList<>();
            try (PreparedStatement pending = connection.prepareStatement("SELECT log_id FROM " + EventLog.TABLE
                    + " WHERE sequence IS NULL ORDER BY log_id FETCH FIRST " + batch + " ROWS ONLY");
                    ResultSet rows = pending.executeQuery()) {
                while (rows.next()) {
                    unnumbered.add(rows.getLong(1));
                }
            }
            if (unnumbered.isEmpty()) {
                connection.rollback();
                return 0;
            }
            try (PreparedStatement number = connection.prepareStatement("UPDATE " + EventLog.TABLE
                    + " SET sequence = ? WHERE log_id = ?")) {
                for (long logId : unnumbered) {
                    number.setLong(1, ++last);
                    number.setLong(2, logId);
                    number.addBatch();
                }
                number.executeBatch();
            }
            try (PreparedStatement advance = connection.prepareStatement("UPDATE " + EventLog.CURSORS
                    + " SET last_sequence = ?, updated_at = ? WHERE name = ?")) {
                advance.setLong(1, last);
                advance.setTimestamp(2, Timestamp.from(Instant.now()));
                advance.setString(3, NAME);
                advance.executeUpdate();
            }
            connection.commit();
            return unnumbered.size();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** The highest sequence given so far. */
    static long head(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement("SELECT last_sequence FROM " + EventLog.CURSORS + " WHERE name = ?")) {
            read.setString(1, NAME);
            try (ResultSet row = read.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }
}
