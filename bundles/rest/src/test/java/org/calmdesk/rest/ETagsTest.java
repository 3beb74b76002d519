package org.calmdesk.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ETagsTest {

    @Test
    void ifMatchComparesStrongly() {
        assertEquals(3L, ETags.expectedVersion("\"3\""));
        assertEquals(-1L, ETags.expectedVersion("W/\"3\""), "RFC 9110: a weak tag never matches If-Match");
        assertEquals(-1L, ETags.expectedVersion("\"three\""));
        assertNull(ETags.expectedVersion("*"));
        assertNull(ETags.expectedVersion(null));
    }

    @Test
    void timestampsAreStrict() {
        assertEquals(java.time.Instant.parse("2026-11-23T08:15:00Z"), RequestParams.instant("from", "2026-11-23T08:15:00Z"));
        org.junit.jupiter.api.Assertions.assertThrows(org.calmdesk.core.error.ValidationException.class,
                () -> RequestParams.instant("from", "1700000000000"));
        org.junit.jupiter.api.Assertions.assertThrows(org.calmdesk.core.error.ValidationException.class,
                () -> RequestParams.instant("from", "2400-01-01T00:00:00Z"));
    }
}
