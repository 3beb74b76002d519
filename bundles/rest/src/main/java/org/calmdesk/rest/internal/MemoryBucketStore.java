package org.calmdesk.rest.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;

/** Bucket4j's lock-free local buckets, one per key, on this node only (the default). */
final class MemoryBucketStore implements BucketStore {

    private record Entry(Bucket bucket, long capacity) {
    }

    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final TimeMeter clock;

    MemoryBucketStore(TimeMeter clock) {
        this.clock = clock;
    }

    @Override
    public Bucket bucket(String id, BucketConfiguration configuration) {
        return buckets.computeIfAbsent(id, key -> {
            var builder = Bucket.builder().withCustomTimePrecision(clock);
            long capacity = 0;
            for (var limit : configuration.getBandwidths()) {
                builder.addLimit(limit);
                capacity = Math.max(capacity, limit.getCapacity());
            }
            return new Entry(builder.build(), capacity);
        }).bucket();
    }

    @Override
    public Optional<Bucket> existing(String id, BucketConfiguration configuration) {
        Entry entry = buckets.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.bucket());
    }

    @Override
    public void evictIdle() {
        buckets.values().removeIf(entry -> entry.bucket().getAvailableTokens() >= entry.capacity());
    }

    int size() {
        return buckets.size();
    }

    @Override
    public String describe() {
        return "memory (this node only)";
    }
}
