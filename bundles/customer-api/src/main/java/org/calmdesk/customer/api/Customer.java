package org.calmdesk.customer.api;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A customer record as the API returns it. {@code negativityScore} (0-100) is derived by the
 * emotion module and read-only here; an erased customer keeps only its id and timestamps. A customer
 * merged into another ({@code POST /customers/{id}/merge}) is a tombstone whose {@code mergedInto}
 * names the customer that now holds its records; lists leave it out.
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
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, nullable = true,
                description = "Set when this customer was merged into another: the id of the customer that now holds its records")
        String mergedInto,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** A customer that was never merged (the constructor of API 1.2). */
    public Customer(String id, String externalRef, String name, String email, String phone, String language, String segment,
            Temperament temperament, int negativityScore, List<String> tags, String notes, boolean erased, Instant createdAt,
            Instant updatedAt, long version) {
        this(id, externalRef, name, email, phone, language, segment, temperament, negativityScore, tags, notes, erased, null,
                createdAt, updatedAt, version);
    }

    /** Whether this customer was merged into another ({@link #mergedInto()}). */
    public boolean merged() {
        return mergedInto != null;
    }
}
