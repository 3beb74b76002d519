package org.calmdesk.events.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.calmdesk.core.events.EventConsumer;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.customer.api.CustomerEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a customer is erased, the stored events about them keep their ids, statuses and times but
 * lose the free text a person wrote (each event names those properties when it is appended), so
 * the feed and later deliveries carry the redacted form. Idempotent: redacted rows are skipped.
 */
@Component(property = {
        EventConsumer.NAME + "=events.erasure-redaction",
        EventConsumer.TOPICS + "=" + CustomerEvents.ERASED })
public class ErasureRedaction implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ErasureRedaction.class);

    private final DataSource db;

    @Activate
    public ErasureRedaction(@Reference(target = "(osgi.jndi.service.name=calmdesk.events)") DataSource db) {
        this.db = db;
    }

    @Override
    public void consume(LoggedEvent event) throws SQLException {
        String customerId = event.resourceId();
        try (Connection connection = db.getConnection()) {
            int redacted = redact(connection, customerId, Instant.now());
            if (redacted > 0) {
                LOG.info("Redacted the free text of {} stored events of erased customer {}", redacted, customerId);
            }
        }
    }

    static int redact(Connection connection, String customerId, Instant now) throws SQLException {
        record Row(long logId, String data, String freeText) {
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT log_id, data, free_text FROM " + EventLog.TABLE
                + " WHERE customer_id = ? AND redacted_at IS NULL AND free_text IS NOT NULL")) {
            select.setString(1, customerId);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3)));
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + EventLog.TABLE
                + " SET data = ?, redacted_at = ? WHERE log_id = ?")) {
            for (Row row : rows) {
                update.setString(1, EventLog.redact(row.data(), row.freeText()));
                update.setTimestamp(2, Timestamp.from(now));
                update.setLong(3, row.logId());
                update.addBatch();
            }
            update.executeBatch();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return rows.size();
    }
}
