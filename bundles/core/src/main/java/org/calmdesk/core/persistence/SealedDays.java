package org.calmdesk.core.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A report window over day roll-ups: the whole UTC days whose figures are sealed (kept as sums per
 * day once they can no longer change, or only change in the transactions that keep the sums) are
 * read from the roll-ups, the rest of the window from the rows. Used by the survey report and the
 * ticket statistics.
 */
public final class SealedDays {

    private SealedDays() {
    }

    /** A piece of a window: whole sealed days read from the roll-ups, or a stretch read from the rows. */
    public record Span(Instant from, Instant to, boolean sealed) {
        public LocalDate firstDay() {
            return dayOf(from);
        }

        public LocalDate endDay() {
            return dayOf(to);
        }
    }

    /**
     * [from, to) as its whole days before {@code sealedUntil} (one sealed span) and the stretches
     * around them (at most two, read from the rows); the whole window from the rows when it holds
     * no sealed day or nothing is sealed ({@code sealedUntil} null).
     */
    public static List<Span> split(Instant from, Instant to, LocalDate sealedUntil) {
        if (sealedUntil == null) {
            return List.of(new Span(from, to, false));
        }
        LocalDate first = dayOf(from);
        if (startOf(first).isBefore(from)) {
            first = first.plusDays(1);
        }
        LocalDate end = dayOf(to).isBefore(sealedUntil) ? dayOf(to) : sealedUntil;
        if (!first.isBefore(end)) {
            return List.of(new Span(from, to, false));
        }
        List<Span> spans = new ArrayList<>(3);
        if (from.isBefore(startOf(first))) {
            spans.add(new Span(from, startOf(first), false));
        }
        spans.add(new Span(startOf(first), startOf(end), true));
        if (startOf(end).isBefore(to)) {
            spans.add(new Span(startOf(end), to, false));
        }
        return spans;
    }

    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
