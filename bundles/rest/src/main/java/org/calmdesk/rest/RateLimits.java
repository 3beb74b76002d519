package org.calmdesk.rest;

import java.time.Duration;
import java.util.Objects;

/**
 * Named quotas, kept by the platform in memory or, when configured ({@code calmdesk.ratelimit},
 * {@code store=POSTGRESQL}), in the shared database so that every node counts the same requests.
 * A module uses it for limits of its own, such as the open survey endpoints.
 */
public interface RateLimits {

    /**
     * At most {@code quota} units per {@code window}, given back smoothly over the window; a quota
     * of 0 means no limit. The name shows in the {@code RateLimit} headers and keys the buckets, so
     * a changed quota or window starts fresh buckets.
     */
    record Policy(String name, long quota, Duration window) {
        public Policy {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(window, "window");
            if (name.isBlank() || quota < 0 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("A policy needs a name, a quota >= 0 and a positive window");
            }
        }

        public boolean unlimited() {
            return quota == 0;
        }

        /** The window in whole seconds, as the RateLimit-Policy header states it (at least 1). */
        public long windowSeconds() {
            return Math.max(1, window.toSeconds());
        }
    }

    /**
     * The outcome for one key: whether the request may go on, what is left, and in how many
     * seconds to retry (when refused) or until the quota is whole again.
     */
    record Decision(boolean allowed, long remaining, long retryAfterSeconds, long resetSeconds) {
        public static final Decision UNLIMITED = new Decision(true, Long.MAX_VALUE, 0, 0);
    }

    /** Takes one unit from {@code key}'s bucket under {@code policy}. */
    Decision consume(Policy policy, String key);

    /**
     * Whether {@code key} could take one unit now, without taking it and without creating a
     * bucket for a key that never consumed anything (such a key is always allowed).
     */
    Decision peek(Policy policy, String key);
}
