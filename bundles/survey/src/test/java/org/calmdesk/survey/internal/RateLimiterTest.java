package org.calmdesk.survey.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long MINUTE = 1_800_000_000_000L; // a whole minute, in milliseconds

    @Test
    void anAddressGetsItsAllowancePerMinute() {
        RateLimiter limiter = new RateLimiter();
        for (int i = 0; i < 30; i++) {
            assertTrue(limiter.tryAcquire("10.0.0.7", 30, MINUTE + i * 1000));
        }
        assertFalse(limiter.tryAcquire("10.0.0.7", 30, MINUTE + 59_999));
        assertTrue(limiter.tryAcquire("10.0.0.8", 30, MINUTE + 59_999), "other addresses are counted apart");
        assertTrue(limiter.tryAcquire("10.0.0.7", 30, MINUTE + 60_000), "a new minute, a new allowance");
    }

    @Test
    void zeroMeansNoLimit() {
        RateLimiter limiter = new RateLimiter();
        for (int i = 0; i < 1000; i++) {
            assertTrue(limiter.tryAcquire("10.0.0.9", 0, MINUTE));
        }
    }

    @Test
    void retryAfterIsTheRestOfTheMinute() {
        assertEquals(60, RateLimiter.retryAfterSeconds(MINUTE));
        assertEquals(15, RateLimiter.retryAfterSeconds(MINUTE + 45_000));
    }
}
