package org.calmdesk.followup.internal;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.calmdesk.core.error.ValidationException;

/**
 * Recurring follow-ups. Occurrence k is due at {@code anchor + k * period}, counted in the
 * configured zone from the first planned due time: never from a completion time, so a late or
 * early call does not shift the series (no drift), and P1M from 31 January stays on month ends.
 */
final class Recurrence {

    /** A late completion skips occurrences already past, but never loops for ever. */
    private static final int MAX_SKIPPED = 10_000;

    private Recurrence() {
    }

    /** Null for null or blank; a 400 naming {@code recurrence} for anything but a period of at least a day. */
    static Period parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Period period;
        try {
            period = Period.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationException("recurrence", "must be an ISO-8601 period such as P30D, P2W or P1M");
        }
        if (period.isNegative() || period.isZero() || period.getYears() < 0 || period.getMonths() < 0 || period.getDays() < 0) {
            throw new ValidationException("recurrence", "must be a positive period of at least one day");
        }
        return period;
    }

    /** Due time of occurrence {@code occurrence} (0 is the first) of a series anchored at {@code anchor}. */
    static Instant due(Instant anchor, Period period, int occurrence, ZoneId zone) {
        return anchor.atZone(zone).plus(period.multipliedBy(occurrence)).toInstant();
    }

    /** The first occurrence after {@code current} that is still in the future at {@code now}. */
    static int nextOccurrence(Instant anchor, Period period, int current, Instant now, ZoneId zone) {
        int next = current + 1;
        for (int skipped = 0; skipped < MAX_SKIPPED && !due(anchor, period, next, zone).isAfter(now); skipped++) {
            next++;
        }
        return next;
    }
}
