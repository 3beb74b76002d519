package org.calmdesk.survey.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAmount;
import java.util.Locale;

import org.calmdesk.survey.api.InvitationChannel;

/** One parsed snapshot of the survey configuration. */
record SurveyPolicy(TemporalAmount invitationValidity, int invalidTokenGuessesPerMinute, boolean trustForwardedFor, int maxAnswerBytes,
        InvitationChannel defaultChannel, int heatedNegativity, HeatedPolicy heatedPolicy, Duration heatedDelay,
        int checkIntervalSeconds, int requestsPerTokenPerMinute) {

    enum HeatedPolicy {
        NORMAL, DELAY, CALLBACK
    }

    /** When an invitation sent at {@code sentAt} stops taking answers (a period of days counts calendar days in UTC). */
    Instant invitationExpiry(Instant sentAt) {
        return sentAt.atZone(ZoneOffset.UTC).plus(invitationValidity).toInstant();
    }

    static SurveyPolicy defaults() {
        return new SurveyPolicy(Period.ofDays(7), 20, false, 16_384, InvitationChannel.SMS, 70, HeatedPolicy.NORMAL,
                Duration.ofDays(2), 60, 30);
    }

    /** @throws IllegalArgumentException naming the attribute that does not parse */
    static SurveyPolicy from(SurveyConfig c) {
        TemporalAmount validity = validity(c.invitationValidity());
        if (c.invalidTokenGuessesPerMinute() < 0 || c.requestsPerTokenPerMinute() < 0 || c.maxAnswerBytes() < 256
                || c.checkIntervalSeconds() < 1) {
            throw new IllegalArgumentException("invalidTokenGuessesPerMinute >= 0, requestsPerTokenPerMinute >= 0, "
                    + "maxAnswerBytes >= 256 and checkIntervalSeconds >= 1 are needed");
        }
        Duration delay;
        try {
            delay = Duration.parse(c.heatedDelay().trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("heatedDelay: expected an ISO-8601 duration such as P2D, got '" + c.heatedDelay() + "'");
        }
        return new SurveyPolicy(validity, c.invalidTokenGuessesPerMinute(), c.trustForwardedFor(), c.maxAnswerBytes(),
                parse(InvitationChannel.class, "defaultChannel", c.defaultChannel()), c.heatedNegativity(),
                parse(HeatedPolicy.class, "heatedPolicy", c.heatedPolicy()), delay, c.checkIntervalSeconds(),
                c.requestsPerTokenPerMinute());
    }

    /** A period (P7D, P1M) or, for short validities, a duration (PT2H); positive. */
    private static TemporalAmount validity(String value) {
        String text = value == null ? "" : value.trim();
        try {
            Duration duration = Duration.parse(text);
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (RuntimeException notADuration) {
            try {
                Period period = Period.parse(text);
                if (!period.isNegative() && !period.isZero()) {
                    return period;
                }
            } catch (RuntimeException notAPeriod) {
                // reported below
            }
        }
        throw new IllegalArgumentException("invitationValidity: expected a positive ISO-8601 period or duration such as P7D or PT12H, got '"
                + value + "'");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String attribute, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(attribute + ": unknown value '" + value + "'");
        }
    }
}
