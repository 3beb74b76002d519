package org.calmdesk.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.calmdesk.core.testing.PostgresSchema;
import org.calmdesk.rest.RateLimits.Policy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two nodes, each with its own DataSource on one PostgreSQL schema, share one limit through
 * Bucket4j's PostgreSQL store. Runs with {@code -Ppostgres}; skipped in the default build.
 */
@EnabledIfSystemProperty(named = "calmdesk.test.pg.url", matches = ".+", disabledReason = "needs -Ppostgres")
class RateLimitPostgresTest {

    private PostgresSchema schema;
    private PostgresBucketStore storeA;
    private PostgresBucketStore storeB;

    @BeforeEach
    void twoNodes() throws Exception {
        schema = PostgresSchema.create();
        storeA = new PostgresBucketStore(schema.dataSource());
        storeB = new PostgresBucketStore(schema.dataSource()); // the table already exists: idempotent
    }

    @AfterEach
    void drop() throws Exception {
        schema.close();
    }

    @Test
    void aLimitHoldsAcrossNodes() throws Exception {
        BucketRateLimits nodeA = new BucketRateLimits(storeA);
        BucketRateLimits nodeB = new BucketRateLimits(storeB);
        Policy tenPerMinute = new Policy("shared", 10, Duration.ofMinutes(1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                BucketRateLimits node = i % 2 == 0 ? nodeA : nodeB;
                outcomes.add(pool.submit(() -> node.consume(tenPerMinute, "user:agent").allowed()));
            }
            int allowed = 0;
            for (Future<Boolean> outcome : outcomes) {
                allowed += outcome.get() ? 1 : 0;
            }
            assertEquals(10, allowed, "ten in all, however the requests were spread over the nodes");
        } finally {
            pool.shutdownNow();
        }
        assertFalse(nodeB.peek(tenPerMinute, "user:agent").allowed());
        assertTrue(nodeA.peek(tenPerMinute, "user:other").allowed());
        assertEquals(1, rows(schema.dataSource()), "peeking at an unused key stores nothing");
        assertFalse(tableText(schema.dataSource()).contains("agent"), "keys are stored hashed");
    }

    @Test
    void expiredRowsAreRemoved() throws Exception {
        BucketRateLimits node = new BucketRateLimits(storeA);
        Policy quick = new Policy("quick", 1, Duration.ofSeconds(1));
        node.consume(quick, "a");
        node.consume(quick, "b");
        assertEquals(2, rows(schema.dataSource()));
        Thread.sleep(7_000); // refill (1 s) plus the store's 5 s grace
        storeB.evictIdle();
        assertEquals(0, rows(schema.dataSource()));
    }

    private static int rows(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + PostgresBucketStore.TABLE)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String tableText(DataSource dataSource) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM " + PostgresBucketStore.TABLE)) {
            while (rs.next()) {
                text.append(rs.getString(1)).append('\n');
            }
        }
        return text.toString();
    }
}
