package org.calmdesk.rest.internal;

import java.util.Optional;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/** Where Bucket4j keeps the state of each keyed bucket: this node's memory, or the shared database. */
interface BucketStore extends AutoCloseable {

    /** The bucket of {@code id}, created full with {@code configuration} on first use. */
    Bucket bucket(String id, BucketConfiguration configuration);

    /** The bucket of {@code id} if anything ever consumed from it, without creating one. */
    Optional<Bucket> existing(String id, BucketConfiguration configuration);

    /** Drops buckets that are full again: a full bucket is the same as no bucket. */
    void evictIdle();

    /** A short name for the log. */
    String describe();

    @Override
    default void close() {
    }
}
