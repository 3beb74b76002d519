package org.calmdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAreVersion7UuidsThatSortByCreationTime() {
        String earlier = Ids.newId(Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC));
        String later = Ids.newId(Clock.fixed(Instant.parse("2026-11-23T08:00:00.001Z"), ZoneOffset.UTC));
        assertEquals(7, UUID.fromString(earlier).version());
        assertEquals(2, UUID.fromString(earlier).variant());
        assertTrue(earlier.compareTo(later) < 0, earlier + " should sort before " + later);
    }

    @Test
    void idsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(ids.add(Ids.newId()));
        }
    }

    @Test
    void idsMadeInTheSameMillisecondOrAfterTheClockSteppedBackStillIncrease() {
        Clock fixed = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
        Clock earlier = Clock.fixed(Instant.parse("2026-11-23T08:59:59Z"), ZoneOffset.UTC);
        String previous = Ids.newId(fixed);
        for (int i = 0; i < 1_000; i++) {
            String next = Ids.newId(i % 2 == 0 ? fixed : earlier);
            assertTrue(previous.compareTo(next) < 0, previous + " should sort before " + next);
            assertEquals(7, UUID.fromString(next).version());
            assertEquals(2, UUID.fromString(next).variant());
            previous = next;
        }
    }
}
