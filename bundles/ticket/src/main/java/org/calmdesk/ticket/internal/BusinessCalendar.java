package org.calmdesk.ticket.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Business time: SLA clocks run only on working days, inside working hours, outside holidays,
 * in one time zone. The default (every day, all day, no holidays) is plain wall-clock time.
 */
final class BusinessCalendar {

    /** Ten years: a target no calendar can reach within that is a configuration error. */
    private static final int MAX_DAYS = 3660;

    private final ZoneId zone;
    private final Set<DayOfWeek> workingDays;
    private final LocalTime open;
    /** null: the window runs to midnight. */
    private final LocalTime close;
    private final Set<LocalDate> holidays;

    BusinessCalendar(ZoneId zone, Set<DayOfWeek> workingDays, LocalTime open, LocalTime close, Set<LocalDate> holidays) {
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("at least one working day is needed");
        }
        if (close != null && !close.isAfter(open)) {
            throw new IllegalArgumentException("working hours must close after they open");
        }
        this.zone = zone;
        this.workingDays = EnumSet.copyOf(workingDays);
        this.open = open;
        this.close = close;
        this.holidays = Set.copyOf(holidays);
    }

    static BusinessCalendar always() {
        return new BusinessCalendar(ZoneId.of("UTC"), EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, null, Set.of());
    }

    boolean isAlways() {
        return workingDays.size() == 7 && open.equals(LocalTime.MIDNIGHT) && close == null && holidays.isEmpty();
    }

    /** The instant at which {@code amount} of business time has passed after {@code start}. */
    Instant plus(Instant start, Duration amount) {
        if (isAlways()) {
            return start.plus(amount);
        }
        Duration remaining = amount;
        ZonedDateTime cursor = start.atZone(zone);
        for (int i = 0; i < MAX_DAYS; i++) {
            LocalDate day = cursor.toLocalDate();
            if (isWorkingDay(day)) {
                ZonedDateTime from = later(cursor, windowStart(day));
                ZonedDateTime end = windowEnd(day);
                if (from.isBefore(end)) {
                    Duration available = Duration.between(from, end);
                    if (available.compareTo(remaining) >= 0) {
                        return from.plus(remaining).toInstant();
                    }
                    remaining = remaining.minus(available);
                }
            }
            cursor = day.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("target beyond " + MAX_DAYS + " days of business time");
    }

    /** Business time between two instants; zero when {@code to} is not after {@code from}. */
    Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (isAlways()) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        ZonedDateTime cursor = from.atZone(zone);
        ZonedDateTime limit = to.atZone(zone);
        while (cursor.isBefore(limit)) {
            LocalDate day = cursor.toLocalDate();
            if (isWorkingDay(day)) {
                ZonedDateTime start = later(cursor, windowStart(day));
                ZonedDateTime end = earlier(limit, windowEnd(day));
                if (start.isBefore(end)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
            cursor = day.plusDays(1).atStartOfDay(zone);
        }
        return total;
    }

    private boolean isWorkingDay(LocalDate day) {
        return workingDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    private ZonedDateTime windowStart(LocalDate day) {
        return day.atTime(open).atZone(zone);
    }

    private ZonedDateTime windowEnd(LocalDate day) {
        return close == null ? day.plusDays(1).atStartOfDay(zone) : day.atTime(close).atZone(zone);
    }

    private static ZonedDateTime later(ZonedDateTime a, ZonedDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static ZonedDateTime earlier(ZonedDateTime a, ZonedDateTime b) {
        return a.isBefore(b) ? a : b;
    }
}
