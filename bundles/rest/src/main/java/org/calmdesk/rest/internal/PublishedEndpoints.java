package org.calmdesk.rest.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The servers modules have published right now; the OpenAPI document is built from them. */
final class PublishedEndpoints {

    record Published(String module, String address, List<Class<?>> resourceClasses) {
    }

    private final Map<String, Published> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Long> publishedAtNanos = new ConcurrentHashMap<>();
    private final AtomicLong revision = new AtomicLong();

    void add(Published published) {
        byAddress.put(published.address(), published);
        publishedAtNanos.put(published.address(), System.nanoTime());
        revision.incrementAndGet();
    }

    void remove(String address) {
        byAddress.remove(address);
        publishedAtNanos.remove(address);
        revision.incrementAndGet();
    }

    boolean isPublished(String address) {
        return byAddress.containsKey(address);
    }

    /** Published, and for longer than {@code settleNanos}: requests routed before it existed have gone through. */
    boolean isSettled(String address, long settleNanos) {
        Long at = publishedAtNanos.get(address);
        return at != null && byAddress.containsKey(address) && System.nanoTime() - at >= settleNanos;
    }

    Collection<Published> all() {
        return List.copyOf(byAddress.values());
    }

    long revision() {
        return revision.get();
    }
}
