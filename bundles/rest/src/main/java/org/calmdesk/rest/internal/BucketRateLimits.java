package org.calmdesk.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.calmdesk.rest.RateLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;

/**
 * {@link RateLimits} on Bucket4j token buckets: a policy of q per window is a bucket of capacity
 * q refilled greedily by q per window. Keys are hashed, so the store never holds user names or
 * addresses, and a store failure lets the request through (logged) rather than failing it.
 */
final class BucketRateLimits implements RateLimits {

    private static final Logger LOG = LoggerFactory.getLogger(BucketRateLimits.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private volatile BucketStore store;
    private volatile long lastFailureLog;

    BucketRateLimits(BucketStore store) {
        this.store = store;
    }

    BucketStore store() {
        return store;
    }

    /** Switches stores; the previous one is closed. */
    void use(BucketStore next) {
        BucketStore previous = store;
        store = next;
        if (previous != next) {
            previous.close();
        }
    }

    @Override
    public Decision consume(Policy policy, String key) {
        if (policy.unlimited()) {
            return Decision.UNLIMITED;
        }
        try {
            ConsumptionProbe probe = store.bucket(id(policy, key), configuration(policy)).tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return new Decision(true, probe.getRemainingTokens(), 0, seconds(probe.getNanosToWaitForReset()));
            }
            long retryAfter = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
            return new Decision(false, 0, retryAfter, retryAfter);
        } catch (RuntimeException e) {
            return storeFailed(e);
        }
    }

    @Override
    public Decision peek(Policy policy, String key) {
        if (policy.unlimited()) {
            return Decision.UNLIMITED;
        }
        try {
            return store.existing(id(policy, key), configuration(policy)).map(bucket -> {
                EstimationProbe probe = bucket.estimateAbilityToConsume(1);
                if (probe.canBeConsumed()) {
                    return new Decision(true, probe.getRemainingTokens(), 0, 0);
                }
                long retryAfter = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
                return new Decision(false, 0, retryAfter, retryAfter);
            }).orElseGet(() -> new Decision(true, policy.quota(), 0, 0));
        } catch (RuntimeException e) {
            return storeFailed(e);
        }
    }

    private Decision storeFailed(RuntimeException e) {
        long now = System.nanoTime();
        if (now - lastFailureLog > LOG_EVERY_NANOS) {
            lastFailureLog = now;
            LOG.warn("Rate-limit store {} failed; requests pass unlimited until it answers: {}", store.describe(), e.toString());
        }
        return Decision.UNLIMITED;
    }

    static BucketConfiguration configuration(Policy policy) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(policy.quota()).refillGreedy(policy.quota(), policy.window()))
                .build();
    }

    /** The policy's name and shape plus a hash of the key: a changed policy starts fresh buckets. */
    static String id(Policy policy, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            String name = policy.name().length() > 40 ? policy.name().substring(0, 40) : policy.name();
            return name + "|" + policy.quota() + "/" + policy.windowSeconds() + "|"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Whole seconds, rounded up: a client that waits this long finds the unit back. */
    static long seconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
