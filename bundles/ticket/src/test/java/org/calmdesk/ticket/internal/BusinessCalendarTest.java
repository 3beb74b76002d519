package org.calmdesk.ticket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SLA arithmetic: a Shanghai bank office, Monday to Friday 09:00-18:00, National Day off. */
class BusinessCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final BusinessCalendar OFFICE = new BusinessCalendar(SHANGHAI,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0),
            Set.of(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-02")));

    /** Times are Shanghai local (+08:00); 2026-11-27 is a Friday. */
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(textBlock = """
            2026-11-25T10:00+08:00, PT1H,  2026-11-25T11:00+08:00
            2026-11-25T17:30+08:00, PT1H,  2026-11-26T09:30+08:00
            2026-11-25T07:00+08:00, PT30M, 2026-11-25T09:30+08:00
            2026-11-25T20:00+08:00, PT15M, 2026-11-26T09:15+08:00
            2026-11-27T17:00+08:00, PT2H,  2026-11-30T10:00+08:00
            2026-11-28T12:00+08:00, PT1H,  2026-11-30T10:00+08:00
            2026-11-25T09:00+08:00, PT9H,  2026-11-25T18:00+08:00
            2026-11-25T09:00+08:00, PT27H, 2026-11-27T18:00+08:00
            2026-09-30T17:00+08:00, PT2H,  2026-10-05T10:00+08:00
            """)
    void plusCountsOnlyWorkingTime(String start, Duration amount, String expected) {
        assertEquals(java.time.OffsetDateTime.parse(expected).toInstant(),
                OFFICE.plus(java.time.OffsetDateTime.parse(start).toInstant(), amount));
    }

    @ParameterizedTest(name = "{0} .. {1} = {2}")
    @CsvSource(textBlock = """
            2026-11-25T10:00+08:00, 2026-11-25T11:30+08:00, PT1H30M
            2026-11-25T17:00+08:00, 2026-11-26T10:00+08:00, PT2H
            2026-11-27T17:00+08:00, 2026-11-30T10:00+08:00, PT2H
            2026-11-28T10:00+08:00, 2026-11-29T18:00+08:00, PT0S
            2026-11-25T20:00+08:00, 2026-11-25T08:00+08:00, PT0S
            2026-09-30T17:00+08:00, 2026-10-05T10:00+08:00, PT2H
            """)
    void betweenCountsOnlyWorkingTime(String from, String to, Duration expected) {
        assertEquals(expected, OFFICE.between(java.time.OffsetDateTime.parse(from).toInstant(),
                java.time.OffsetDateTime.parse(to).toInstant()));
    }

    @Test
    void plusAndBetweenAgree() {
        Instant start = Instant.parse("2026-11-26T03:17:00Z");
        for (long minutes = 0; minutes < 60 * 40; minutes += 37) {
            Duration amount = Duration.ofMinutes(minutes);
            Instant due = OFFICE.plus(start, amount);
            assertEquals(amount, OFFICE.between(start, due), "for " + amount);
        }
    }

    @Test
    void theDefaultIsWallClockTime() {
        BusinessCalendar always = BusinessCalendar.always();
        assertTrue(always.isAlways());
        Instant saturdayNight = Instant.parse("2026-11-28T23:30:00Z");
        assertEquals(saturdayNight.plus(Duration.ofHours(5)), always.plus(saturdayNight, Duration.ofHours(5)));
        assertEquals(Duration.ofHours(5), always.between(saturdayNight, saturdayNight.plus(Duration.ofHours(5))));
    }

    @Test
    void aCalendarThatNeverOpensIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BusinessCalendar(SHANGHAI, EnumSet.noneOf(DayOfWeek.class),
                LocalTime.of(9, 0), null, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new BusinessCalendar(SHANGHAI, EnumSet.of(DayOfWeek.MONDAY),
                LocalTime.of(18, 0), LocalTime.of(9, 0), Set.of()));
    }
}
