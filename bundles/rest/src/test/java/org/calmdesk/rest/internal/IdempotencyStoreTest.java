package org.calmdesk.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.calmdesk.core.schema.ModuleSchema;
import org.calmdesk.core.testing.MutableClock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The claim, replay and expiry rules of idempotency keys, on H2 as embedded Calmdesk runs them. */
class IdempotencyStoreTest {

    static final IdempotencyStore.StoredResponse CREATED = new IdempotencyStore.StoredResponse(201, "application/json",
            "http://host/api/v1/customers/c1", "\"1\"", "{\"id\":\"c1\"}");

    private MutableClock clock;
    private IdempotencyStore store;
    private DataSource dataSource;

    static DataSource migratedH2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ModuleSchema.migrate(dataSource, IdempotencyStore.SCHEMA, IdempotencyStoreTest.class.getClassLoader());
        return dataSource;
    }

    @BeforeEach
    void newDatabase() {
        clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
        dataSource = migratedH2();
        store = new IdempotencyStore(dataSource, clock);
    }

    @Test
    void theFirstRequestRunsAndEveryRetryReplaysItsResponse() throws SQLException {
        IdempotencyStore.Claimed first = assertInstanceOf(IdempotencyStore.Claimed.class, store.claim("scope", "body"));
        store.complete("scope", first.token(), CREATED);

        clock.advance(Duration.ofHours(23));
        IdempotencyStore.Replay replay = assertInstanceOf(IdempotencyStore.Replay.class, store.claim("scope", "body"));
        assertEquals(CREATED, replay.response());
    }

    @Test
    void anotherBodyWithTheSameKeyIsRefused() throws SQLException {
        IdempotencyStore.Claimed first = assertInstanceOf(IdempotencyStore.Claimed.class, store.claim("scope", "body"));
        assertInstanceOf(IdempotencyStore.DifferentBody.class, store.claim("scope", "other body"), "while in flight");
        store.complete("scope", first.token(), CREATED);
        assertInstanceOf(IdempotencyStore.DifferentBody.class, store.claim("scope", "other body"), "once done");
    }

    @Test
    void aRetryWhileTheFirstRunsIsInFlightUntilTheClaimIsAbandoned() throws SQLException {
        IdempotencyStore.Claimed first = assertInstanceOf(IdempotencyStore.Claimed.class, store.claim("scope", "body"));
        assertInstanceOf(IdempotencyStore.InFlight.class, store.claim("scope", "body"));

        clock.advance(IdempotencyStore.ABANDONED_AFTER.plusSeconds(1));
        IdempotencyStore.Claimed second = assertInstanceOf(IdempotencyStore.Claimed.class, store.claim("scope", "body"),
                "a node that died mid-request does not block the key for a day");
        assertNotEquals(first.token(), second.token());
        store.complete("scope", first.token(), CREATED); // the old claim finishing late changes nothing
        assertInstanceOf(IdempotencyStore.InFlight.class, store.claim("scope", "body"));
    }

    @Test
    void aReleasedClaimLetsTheRetryRun() throws SQLException {
        IdempotencyStore.Claimed first = assertInstanceOf(IdempotencyStore.Claimed.class, store.claim("scope", "body"));
        store.release("scope", first.token());
        assertInstanceOf(IdempotencyStore.Claimed.class, store.claim("scope", "body"));
    }

    @Test
    void keysExpireAfter24HoursAndTheJobDeletesThem() throws SQLException {
        IdempotencyStore.Claimed first = assertInstanceOf(IdempotencyStore.Claimed.class, store.claim("old", "body"));
        store.complete("old", first.token(), CREATED);
        clock.advance(Duration.ofHours(24));
        assertInstanceOf(IdempotencyStore.Claimed.class, store.claim("old", "a new body"), "an expired key is new again");

        assertInstanceOf(IdempotencyStore.Claimed.class, store.claim("another", "body"));
        clock.advance(Duration.ofHours(24));
        assertEquals(2, store.deleteExpired());
        assertEquals(0, store.deleteExpired());
    }

    @Test
    void manyConcurrentRequestsWithOneKeyRunOnce() throws Exception {
        assertEquals(1, claimConcurrently(List.of(store, new IdempotencyStore(dataSource, clock)), 16));
    }

    /** Claims one key from {@code threads} threads spread over the nodes; the number that got to run. */
    static long claimConcurrently(List<IdempotencyStore> nodes, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<IdempotencyStore.Claim>> claims = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                IdempotencyStore node = nodes.get(i % nodes.size());
                claims.add(pool.submit((Callable<IdempotencyStore.Claim>) () -> {
                    start.await();
                    return node.claim("race", "body");
                }));
            }
            start.countDown();
            long claimed = 0;
            for (Future<IdempotencyStore.Claim> claim : claims) {
                IdempotencyStore.Claim result = claim.get();
                if (result instanceof IdempotencyStore.Claimed) {
                    claimed++;
                } else {
                    assertInstanceOf(IdempotencyStore.InFlight.class, result);
                }
            }
            return claimed;
        } finally {
            pool.shutdownNow();
        }
    }
}
