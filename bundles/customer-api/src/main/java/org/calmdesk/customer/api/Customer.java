package org.calmdesk.customer.api;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

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
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, minimum = "0", maximum = "100", description = "Derived by the emotion module") int negativityScore,
        List<String> tags,
        String notes,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, description = "Personal data erased; an anonymous tombstone") boolean erased,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
