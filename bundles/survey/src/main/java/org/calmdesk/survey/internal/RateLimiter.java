package org.calmdesk.survey.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests per client address per minute, for the only write endpoints without a login. A fixed
 * one-minute window per address is enough to stop token guessing and flooding from one address;
 * it lives in memory, so each node counts its own requests.
 */
final class RateLimiter {

    /** Windows of at most this many addresses are kept; older ones are dropped first. */
    private static final int MAX_TRACKED = 50_000;

    private record Window(long minute, AtomicInteger count) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** Whether one more request from {@code address} fits {@code perMinute} at {@code nowMillis}; 0 means no limit. */
    boolean tryAcquire(String address, int perMinute, long nowMillis) {
        if (perMinute <= 0) {
            return true;
        }
        long minute = nowMillis / 60_000;
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(w -> w.minute() < minute);
        }
        Window window = windows.compute(address, (key, current) ->
                current == null || current.minute() != minute ? new Window(minute, new AtomicInteger()) : current);
        return window.count().incrementAndGet() <= perMinute;
    }

    /** Seconds until the current window ends. */
    static long retryAfterSeconds(long nowMillis) {
        return 60 - (nowMillis / 1000) % 60;
    }
}
