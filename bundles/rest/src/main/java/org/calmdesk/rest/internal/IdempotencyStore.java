package org.calmdesk.rest.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.karaf.scheduler.Scheduler;
import org.calmdesk.core.scheduling.PeriodicJob;
import org.calmdesk.core.schema.ModuleSchema;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotency keys on the shared database ({@code rest_idempotency_key}, migrated from
 * {@code db/rest/changelog.xml} of this bundle), so they hold across restarts and nodes. The
 * primary-key INSERT is the claim: of two nodes racing with one key exactly one inserts, the other
 * reads the row. A claim whose request never finished (its node died) is taken over after
 * {@link #ABANDONED_AFTER}; rows expire after {@link #RETENTION} and a periodic job deletes them.
 */
@Component(service = IdempotencyStore.class, immediate = true)
public class IdempotencyStore {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyStore.class);

    /** API.md: the same key replays within 24 hours. */
    static final Duration RETENTION = Duration.ofHours(24);
    /** Longer than any request may run (the pool wait and the slowest create are seconds). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    static final String SCHEMA = "rest";
    private static final String JOB = "calmdesk-rest-idempotency-expiry";
    private static final int EXPIRY_INTERVAL_SECONDS = 600;

    /** What a claim found. */
    sealed interface Claim permits Claimed, Replay, DifferentBody, InFlight {
    }

    /** This request runs; {@code token} completes or releases the row. */
    record Claimed(String token) implements Claim {
    }

    /** The first request finished: answer with its response. */
    record Replay(StoredResponse response) implements Claim {
    }

    /** The key was used with another body. */
    record DifferentBody() implements Claim {
    }

    /** The first request with this key is still running. */
    record InFlight() implements Claim {
    }

    record StoredResponse(int status, String contentType, String location, String etag, String body) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private PeriodicJob expiry;

    /** For tests: the schema migrated by the caller. */
    IdempotencyStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * On the DataSource that core's schema extender publishes as {@code calmdesk.rest} once this
     * bundle's table is current (its {@code Calmdesk-Schema} header), as a module's persistence unit
     * waits for {@code calmdesk.<module>}: the migration runs off the thread that starts bundles.
     */
    @Activate
    public IdempotencyStore(@Reference(target = "(" + ModuleSchema.JNDI_NAME + "=calmdesk." + SCHEMA + ")") DataSource migrated,
            @Reference Scheduler scheduler) {
        this(migrated, Clock.systemUTC());
        expiry = new PeriodicJob(scheduler, JOB, this::deleteExpired, LOG);
        expiry.every(EXPIRY_INTERVAL_SECONDS);
    }

    @Deactivate
    void deactivate() {
        if (expiry != null) {
            expiry.close();
        }
    }

    /**
     * Claims {@code scopeHash} for a request whose body hashes to {@code requestHash}, or says why
     * not. A few rounds at most: each retry follows a row that another node inserted, expired or
     * released in between.
     */
    Claim claim(String scopeHash, String requestHash) throws SQLException {
        for (int attempt = 0; attempt < 5; attempt++) {
            long now = clock.millis();
            String token = UUID.randomUUID().toString();
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                if (insert(connection, scopeHash, requestHash, token, now)) {
                    return new Claimed(token);
                }
                try (PreparedStatement select = connection.prepareStatement("SELECT request_hash, state, claim_token, "
                        + "claimed_at, expires_at, response_status, response_type, response_location, response_etag, "
                        + "response_body FROM rest_idempotency_key WHERE scope_hash = ?")) {
                    select.setString(1, scopeHash);
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            continue; // released or expired and deleted meanwhile: insert again
                        }
                        if (row.getLong("expires_at") <= now) {
                            if (takeOverExpired(connection, scopeHash, requestHash, token, now)) {
                                return new Claimed(token);
                            }
                            continue;
                        }
                        if (!row.getString("request_hash").equals(requestHash)) {
                            return new DifferentBody();
                        }
                        if ("DONE".equals(row.getString("state"))) {
                            return new Replay(new StoredResponse(row.getInt("response_status"), row.getString("response_type"),
                                    row.getString("response_location"), row.getString("response_etag"),
                                    row.getString("response_body")));
                        }
                        if (row.getLong("claimed_at") <= now - ABANDONED_AFTER.toMillis()
                                && takeOverAbandoned(connection, scopeHash, row.getString("claim_token"), token, now)) {
                            return new Claimed(token);
                        }
                        return new InFlight();
                    }
                }
            }
        }
        // Rows that keep appearing and disappearing: as good as another request in flight.
        return new InFlight();
    }

    /** The response of the claimed request, replayed to every retry with the key until it expires. */
    void complete(String scopeHash, String token, StoredResponse response) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE rest_idempotency_key SET state = 'DONE', "
                        + "response_status = ?, response_type = ?, response_location = ?, response_etag = ?, response_body = ? "
                        + "WHERE scope_hash = ? AND claim_token = ?")) {
            connection.setAutoCommit(true);
            update.setInt(1, response.status());
            update.setString(2, response.contentType());
            update.setString(3, response.location());
            update.setString(4, response.etag());
            update.setString(5, response.body());
            update.setString(6, scopeHash);
            update.setString(7, token);
            if (update.executeUpdate() == 0) {
                LOG.warn("Idempotency key claim was taken over before its request finished; a retry may run it again");
            }
        }
    }

    /** Forgets the claim: the request failed in a way a retry should run again (a fault, 503, 429). */
    void release(String scopeHash, String token) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM rest_idempotency_key WHERE scope_hash = ? AND claim_token = ? AND state = 'IN_FLIGHT'")) {
            connection.setAutoCommit(true);
            delete.setString(1, scopeHash);
            delete.setString(2, token);
            delete.executeUpdate();
        }
    }

    /** The expiry job: keys older than 24 hours are gone (any node may run it; deleting twice is harmless). */
    int deleteExpired() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM rest_idempotency_key WHERE expires_at <= ?")) {
            connection.setAutoCommit(true);
            delete.setLong(1, clock.millis());
            int deleted = delete.executeUpdate();
            if (deleted > 0) {
                LOG.debug("Deleted {} expired idempotency keys", deleted);
            }
            return deleted;
        } catch (SQLException e) {
            throw new IllegalStateException("Deleting expired idempotency keys failed: " + e.getMessage(), e);
        }
    }

    private static boolean insert(Connection connection, String scopeHash, String requestHash, String token, long now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO rest_idempotency_key (scope_hash, "
                + "request_hash, state, claim_token, claimed_at, expires_at) VALUES (?, ?, 'IN_FLIGHT', ?, ?, ?)")) {
            insert.setString(1, scopeHash);
            insert.setString(2, requestHash);
            insert.setString(3, token);
            insert.setLong(4, now);
            insert.setLong(5, now + RETENTION.toMillis());
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean takeOverExpired(Connection connection, String scopeHash, String requestHash, String token,
            long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE rest_idempotency_key SET request_hash = ?, "
                + "state = 'IN_FLIGHT', claim_token = ?, claimed_at = ?, expires_at = ?, response_status = NULL, "
                + "response_type = NULL, response_location = NULL, response_etag = NULL, response_body = NULL "
                + "WHERE scope_hash = ? AND expires_at <= ?")) {
            update.setString(1, requestHash);
            update.setString(2, token);
            update.setLong(3, now);
            update.setLong(4, now + RETENTION.toMillis());
            update.setString(5, scopeHash);
            update.setLong(6, now);
            return update.executeUpdate() == 1;
        }
    }

    /** Only the one who saw {@code previousToken} wins: two nodes taking over at once cannot both run it. */
    private static boolean takeOverAbandoned(Connection connection, String scopeHash, String previousToken, String token,
            long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE rest_idempotency_key SET claim_token = ?, "
                + "claimed_at = ? WHERE scope_hash = ? AND claim_token = ? AND state = 'IN_FLIGHT'")) {
            update.setString(1, token);
            update.setLong(2, now);
            update.setString(3, scopeHash);
            update.setString(4, previousToken);
            return update.executeUpdate() == 1;
        }
    }

    /** SQLSTATE class 23 (integrity constraint violation): H2 and PostgreSQL both say 23505 for a duplicate key. */
    private static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
