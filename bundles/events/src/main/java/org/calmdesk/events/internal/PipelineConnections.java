package org.calmdesk.events.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.apache.commons.dbcp2.DataSourceConnectionFactory;
import org.apache.commons.dbcp2.PoolableConnection;
import org.apache.commons.dbcp2.PoolableConnectionFactory;
import org.apache.commons.dbcp2.PoolingDataSource;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * A bulkhead: a few connections of the shared pool that the event pipeline (the relay's loop and
 * rounds, the webhook claims and outcomes) keeps for itself while it is busy. Borrowing from the
 * shared pool, each step of the pipeline queued behind the request threads: in a profile near the
 * node's capacity every borrow waited about 300 ms, and an event passes four such steps before its
 * webhook is called. The connections come from the shared pool (so its size, its checks and the
 * database's connection limit still hold) and go back to it after a minute idle.
 */
public final class PipelineConnections implements AutoCloseable {

    private final GenericObjectPool<PoolableConnection> pool;
    private final DataSource dataSource;

    /**
     * @param shared the shared pool
     * @param size   how many connections at most (wait at most five seconds for one beyond that)
     */
    public PipelineConnections(DataSource shared, int size) {
        PoolableConnectionFactory connections = new PoolableConnectionFactory(new DataSourceConnectionFactory(shared), null);
        // Checked on borrow, as the shared pool checks its own: one the database dropped while it
        // sat here is replaced, not handed out (and the shared pool checks it again).
        connections.setValidationQueryTimeout(Duration.ofSeconds(2));
        connections.setFastFailValidation(true);
        GenericObjectPoolConfig<PoolableConnection> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(size);
        config.setMaxIdle(size);
        config.setMinIdle(0);
        config.setTestOnBorrow(true);
        config.setMaxWait(Duration.ofSeconds(5));
        config.setMinEvictableIdleDuration(Duration.ofMinutes(1));
        config.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        config.setJmxEnabled(false);
        this.pool = new GenericObjectPool<>(connections, config);
        connections.setPool(pool);
        this.dataSource = new PoolingDataSource<>(pool);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Hands the idle connections back to the shared pool; those in use go back when they are closed. */
    @Override
    public void close() {
        pool.close();
    }
}
