package org.calmdesk.rest.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the shared database answers, for health and readiness. Load balancers and benchmarks
 * call health often: one caller at a time checks, at most once a second, and the others get the
 * latest answer instead of queueing on a database that may be down.
 */
final class DatabaseProbe {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseProbe.class);
    private static final long FRESH_MILLIS = 1_000;
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    record Result(boolean up, String reason, long checkedAt) {
    }

    private final Supplier<DataSource> dataSource;
    private final ReentrantLock checking = new ReentrantLock();
    private volatile Result last;

    DatabaseProbe(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    Result check() {
        Result known = last;
        long now = System.currentTimeMillis();
        if (known != null && now - known.checkedAt() < FRESH_MILLIS) {
            return known;
        }
        if (known != null && !checking.tryLock()) {
            return known;
        }
        if (known == null) {
            checking.lock();
        }
        try {
            Result fresh = last;
            if (fresh != known && fresh != null) {
                return fresh;
            }
            fresh = probe();
            if (known != null && known.up() != fresh.up()) {
                if (fresh.up()) {
                    LOG.info("The database answers again");
                } else {
                    LOG.warn("The database does not answer (health and readiness are DOWN)");
                }
            }
            last = fresh;
            return fresh;
        } finally {
            checking.unlock();
        }
    }

    private Result probe() {
        DataSource source = dataSource.get();
        long now = System.currentTimeMillis();
        if (source == null) {
            return new Result(false, "the DataSource 'calmdesk' is not registered", now);
        }
        try (Connection connection = source.getConnection()) {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS) ? new Result(true, null, System.currentTimeMillis())
                    : new Result(false, "the connection did not validate", System.currentTimeMillis());
        } catch (SQLException | RuntimeException e) {
            // Health is open: the reason stays generic, the details (hosts, users) go to the log only.
            LOG.debug("Database probe failed: {}", ProblemResponses.sanitize(String.valueOf(e.getMessage())));
            return new Result(false, "the database does not answer", System.currentTimeMillis());
        }
    }
}
