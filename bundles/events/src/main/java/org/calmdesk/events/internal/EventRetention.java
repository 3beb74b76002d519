package org.calmdesk.events.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.apache.karaf.scheduler.Scheduler;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.scheduling.PeriodicJob;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes numbered events older than {@code retentionDays} once an hour (the feed documents the retention). */
@Component(service = {}, configurationPid = EventsConfig.PID)
public class EventRetention {

    private static final Logger LOG = LoggerFactory.getLogger(EventRetention.class);
    static final String JOB = "calmdesk-events-retention";
    private static final int CHUNK = 10_000;

    private final DataSource db;
    private final PeriodicJob job;
    private volatile int retentionDays;

    @Activate
    public EventRetention(@Reference(target = "(osgi.jndi.service.name=calmdesk.events)") DataSource db,
            @Reference Scheduler scheduler, EventsConfig config) {
        this.db = db;
        modified(config);
        job = new PeriodicJob(scheduler, JOB, this::sweep, LOG);
        job.every(3600);
    }

    @Modified
    void modified(EventsConfig config) {
        retentionDays = Math.max(1, config.retentionDays());
    }

    @Deactivate
    void deactivate() {
        job.close();
    }

    void sweep() {
        try (Connection connection = db.getConnection()) {
            int removed = removeOlderThan(connection, Instant.now().minus(Duration.ofDays(retentionDays)));
            if (removed > 0) {
                LOG.info("Removed {} events older than {} days from the event log", removed, retentionDays);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Event retention failed", e);
        }
    }

    static int removeOlderThan(Connection connection, Instant cutoff) throws SQLException {
        return removeOlderThan(connection, cutoff, CHUNK);
    }

    /**
     * Removes numbered events that occurred before {@code cutoff}, oldest first, {@code chunk} at a
     * time (each its own short transaction). The log is walked in sequence order, not searched by
     * time: numbering follows commit order, so the events before the first young one are the old
     * ones, and occurred_at needs no index of its own (one B-tree fewer per append).
     */
    static int removeOlderThan(Connection connection, Instant cutoff, int chunk) throws SQLException {
        connection.setAutoCommit(true);
        int removed = 0;
        while (true) {
            long upTo = EventLog.lastSequenceOccurredNotAfter(connection, 0, cutoff.minusNanos(1), chunk);
            if (upTo == 0) {
                return removed;
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + EventLog.TABLE + " WHERE sequence <= ?")) {
                delete.setLong(1, upTo);
                int deleted = delete.executeUpdate();
                if (deleted == 0) {
                    return removed;
                }
                removed += deleted;
            }
        }
    }
}
