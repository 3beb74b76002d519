package org.calmdesk.followup.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

import org.calmdesk.followup.api.FollowUpChannel;

/** One parsed snapshot of the follow-up configuration. */
record FollowUpPolicy(int checkIntervalSeconds, Duration reminderLead, Duration onTimeGrace, FollowUpChannel defaultChannel,
        String defaultAssignee, ZoneId zone, boolean reconcileTickets) {

    static FollowUpPolicy defaults() {
        return new FollowUpPolicy(60, Duration.ofHours(1), Duration.ofMinutes(15), FollowUpChannel.PHONE, null,
                ZoneId.of("UTC"), true);
    }

    /** @throws IllegalArgumentException naming the attribute that does not parse */
    static FollowUpPolicy from(FollowUpConfig config) {
        if (config.checkIntervalSeconds() < 1) {
            throw new IllegalArgumentException("checkIntervalSeconds must be at least 1");
        }
        FollowUpChannel channel;
        try {
            channel = FollowUpChannel.valueOf(config.defaultChannel().trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("defaultChannel: one of PHONE, EMAIL, SMS, VISIT, CHAT, got '" + config.defaultChannel() + "'");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(config.timeZone().trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("timeZone: unknown zone '" + config.timeZone() + "'");
        }
        String assignee = config.defaultAssignee() == null || config.defaultAssignee().isBlank() ? null : config.defaultAssignee().trim();
        return new FollowUpPolicy(config.checkIntervalSeconds(), duration("reminderLead", config.reminderLead(), true),
                duration("onTimeGrace", config.onTimeGrace(), false), channel, assignee, zone, config.reconcileTickets());
    }

    private static Duration duration(String attribute, String value, boolean positive) {
        try {
            Duration duration = Duration.parse(value.trim());
            if (duration.isNegative() || (positive && duration.isZero())) {
                throw new IllegalArgumentException();
            }
            return duration;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(attribute + ": expected an ISO-8601 duration such as PT1H, got '" + value + "'");
        }
    }
}
