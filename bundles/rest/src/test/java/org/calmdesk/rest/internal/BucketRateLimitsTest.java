package org.calmdesk.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.calmdesk.rest.RateLimits.Decision;
import org.calmdesk.rest.RateLimits.Policy;
import org.junit.jupiter.api.Test;

class BucketRateLimitsTest {

    private final ManualTime time = new ManualTime();
    private final MemoryBucketStore store = new MemoryBucketStore(time);
    private final BucketRateLimits limits = new BucketRateLimits(store);
    private final Policy fivePerMinute = new Policy("test", 5, Duration.ofMinutes(1));

    @Test
    void aKeyGetsItsQuotaThenWaitsForTheRefill() {
        for (int i = 4; i >= 0; i--) {
            Decision decision = limits.consume(fivePerMinute, "alice");
            assertTrue(decision.allowed());
            assertEquals(i, decision.remaining());
        }
        Decision refused = limits.consume(fivePerMinute, "alice");
        assertFalse(refused.allowed());
        assertEquals(12, refused.retryAfterSeconds(), "one unit comes back every 60/5 s");
        assertTrue(limits.consume(fivePerMinute, "bob").allowed(), "other keys are counted apart");

        time.advance(Duration.ofSeconds(11));
        assertFalse(limits.consume(fivePerMinute, "alice").allowed());
        time.advance(Duration.ofSeconds(1));
        assertTrue(limits.consume(fivePerMinute, "alice").allowed());
        assertFalse(limits.consume(fivePerMinute, "alice").allowed());
    }

    @Test
    void peekNeitherTakesNorCreates() {
        assertTrue(limits.peek(fivePerMinute, "carol").allowed());
        assertEquals(0, store.size(), "a key that never consumed has no bucket");
        for (int i = 0; i < 5; i++) {
            limits.consume(fivePerMinute, "carol");
        }
        Decision peeked = limits.peek(fivePerMinute, "carol");
        assertFalse(peeked.allowed());
        assertEquals(12, peeked.retryAfterSeconds());
        time.advance(Duration.ofSeconds(12));
        assertTrue(limits.peek(fivePerMinute, "carol").allowed());
        assertTrue(limits.peek(fivePerMinute, "carol").allowed(), "peeking twice takes nothing");
        assertTrue(limits.consume(fivePerMinute, "carol").allowed());
    }

    @Test
    void zeroQuotaMeansNoLimit() {
        Policy none = new Policy("none", 0, Duration.ofMinutes(1));
        for (int i = 0; i < 1000; i++) {
            assertSame(Decision.UNLIMITED, limits.consume(none, "dave"));
        }
        assertEquals(0, store.size());
    }

    @Test
    void aChangedQuotaStartsAFreshBucket() {
        for (int i = 0; i < 5; i++) {
            limits.consume(fivePerMinute, "erin");
        }
        assertFalse(limits.consume(fivePerMinute, "erin").allowed());
        assertTrue(limits.consume(new Policy("test", 6, Duration.ofMinutes(1)), "erin").allowed());
    }

    @Test
    void fullBucketsAreEvictedAndBusyOnesKept() {
        limits.consume(fivePerMinute, "frank");
        for (int i = 0; i < 5; i++) {
            limits.consume(fivePerMinute, "grace");
        }
        time.advance(Duration.ofSeconds(12));
        store.evictIdle();
        assertEquals(1, store.size(), "frank's bucket is full again, grace's is not");
        assertEquals(1, limits.peek(fivePerMinute, "grace").remaining(), "grace's state survived the sweep");
    }

    @Test
    void bucketIdsHideTheKey() {
        String id = BucketRateLimits.id(fivePerMinute, "api:someone@example.com");
        assertFalse(id.contains("someone"));
        assertTrue(id.startsWith("test|5/60|"));
        assertTrue(id.length() <= 128);
    }

    @Test
    void secondsRoundUp() {
        assertEquals(0, BucketRateLimits.seconds(0));
        assertEquals(1, BucketRateLimits.seconds(1));
        assertEquals(1, BucketRateLimits.seconds(1_000_000_000L));
        assertEquals(2, BucketRateLimits.seconds(1_000_000_001L));
    }
}
