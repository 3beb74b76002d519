package org.calmdesk.rest.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

/**
 * Bucket4j's PostgreSQL proxy manager on the shared DataSource: every node reads and writes the
 * same row of a key under {@code SELECT ... FOR UPDATE}, so a limit holds across nodes.
 */
final class PostgresBucketStore implements BucketStore {

    static final String TABLE = "calmdesk_rate_limit";
    /** Idempotent; until the platform has versioned migrations the store creates its own table. */
    static final String DDL = "CREATE TABLE IF NOT EXISTS " + TABLE
            + " (id VARCHAR(128) PRIMARY KEY, state BYTEA, expires_at BIGINT)";
    private static final int EVICTION_BATCH = 1000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final DataSource dataSource;

    PostgresBucketStore(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if (!"PostgreSQL".equalsIgnoreCase(product)) {
                throw new SQLException("The shared rate-limit store needs PostgreSQL, the DataSource is " + product);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(DDL);
            }
        }
        buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                // A row may go once its bucket would be full again; a missing row is a full bucket.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(5)))
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    public Bucket bucket(String id, BucketConfiguration configuration) {
        return buckets.builder().build(id, () -> configuration);
    }

    /** A plain read: Bucket4j's own lookup would lock and insert a row for every key it is asked about. */
    @Override
    public Optional<Bucket> existing(String id, BucketConfiguration configuration) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT 1 FROM " + TABLE + " WHERE id = ? AND state IS NOT NULL")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(bucket(id, configuration)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Rate-limit lookup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void evictIdle() {
        while (buckets.removeExpired(EVICTION_BATCH) == EVICTION_BATCH) {
            // more rows expired than one batch holds
        }
    }

    @Override
    public String describe() {
        return "PostgreSQL table " + TABLE + " (shared by every node)";
    }
}
