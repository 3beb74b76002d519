package org.calmdesk.followup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;

import org.calmdesk.core.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecurrenceTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void parsesPeriodsOfAtLeastADay() {
        assertEquals(Period.ofDays(30), Recurrence.parse("P30D"));
        assertEquals(Period.ofWeeks(2), Recurrence.parse(" P2W "));
        assertEquals(Period.ofMonths(1), Recurrence.parse("P1M"));
        assertNull(Recurrence.parse(null));
        assertNull(Recurrence.parse(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = { "P0D", "P-1D", "P1M-40D", "PT12H", "monthly", "30" })
    void rejectsAnythingElseNamingTheField(String value) {
        ValidationException e = assertThrows(ValidationException.class, () -> Recurrence.parse(value));
        assertEquals("recurrence", e.errors().get(0).field());
    }

    @Test
    void occurrencesAreCountedFromTheAnchorSoMonthEndsDoNotDrift() {
        Instant anchor = Instant.parse("2026-01-31T09:00:00Z");
        Period monthly = Period.ofMonths(1);
        assertEquals(Instant.parse("2026-02-28T09:00:00Z"), Recurrence.due(anchor, monthly, 1, UTC));
        assertEquals(Instant.parse("2026-03-31T09:00:00Z"), Recurrence.due(anchor, monthly, 2, UTC),
                "from the anchor, not from 28 February");
        assertEquals(Instant.parse("2027-01-31T09:00:00Z"), Recurrence.due(anchor, monthly, 12, UTC));
    }

    @Test
    void daysAreCalendarDaysInTheConfiguredZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant beforeDst = Instant.parse("2026-03-28T08:00:00Z"); // 09:00 in Berlin, winter time
        assertEquals(Instant.parse("2026-03-29T07:00:00Z"), Recurrence.due(beforeDst, Period.ofDays(1), 1, berlin),
                "still 09:00 local after the clocks change");
    }

    @Test
    void theNextOccurrenceSkipsThoseAlreadyPastButKeepsTheCadence() {
        Instant anchor = Instant.parse("2026-11-01T09:00:00Z");
        Period weekly = Period.ofWeeks(1);
        assertEquals(1, Recurrence.nextOccurrence(anchor, weekly, 0, Instant.parse("2026-11-01T10:00:00Z"), UTC),
                "done an hour late: the next is still a week after the planned date");
        assertEquals(Instant.parse("2026-11-08T09:00:00Z"), Recurrence.due(anchor, weekly, 1, UTC));
        assertEquals(3, Recurrence.nextOccurrence(anchor, weekly, 0, Instant.parse("2026-11-16T12:00:00Z"), UTC),
                "two weeks late: occurrences 1 and 2 are past, 3 is next");
        assertEquals(1, Recurrence.nextOccurrence(anchor, weekly, 0, Instant.parse("2026-10-30T09:00:00Z"), UTC),
                "done early: the next is the one after the planned date");
    }
}
