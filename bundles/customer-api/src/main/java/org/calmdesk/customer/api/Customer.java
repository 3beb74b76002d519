package org.calmdesk.customer.api;

import java.time.Instant;
import java.util.List;

/**
 * A customer record as the API returns it. {@code negativityScore} (0-100) is derived by the
 * emotion module and read-only here; an erased customer keeps only its id and timestamps.
 */
public record Customer(
        String id,
        String externalRef,
        String name,
        String email,
        String phone,
        String language,
        String segment,
        Temperament temperament,
        int negativityScore,
        List<String> tags,
        String notes,
        boolean erased,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
