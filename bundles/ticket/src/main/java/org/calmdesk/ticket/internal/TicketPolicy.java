package org.calmdesk.ticket.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.calmdesk.ticket.api.Priority;

/** One consistent snapshot of the ticket configuration, parsed and checked. */
record TicketPolicy(Map<Priority, Duration> firstResponse, Map<Priority, Duration> resolution, BusinessCalendar calendar,
        Duration escalationStep, int checkIntervalSeconds, Duration followUpAfter, String defaultCommitment,
        String defaultCommitmentZh, Set<String> vipSegments) {

    Instant firstResponseDue(Instant from, Priority priority) {
        return calendar.plus(from, firstResponse.get(priority));
    }

    Instant resolutionDue(Instant from, Priority priority) {
        return calendar.plus(from, resolution.get(priority));
    }

    String defaultCommitment(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("zh") ? defaultCommitmentZh : defaultCommitment;
    }

    /** @throws IllegalArgumentException naming the attribute that does not parse */
    static TicketPolicy from(TicketConfig config) {
        Map<Priority, Duration> firstResponse = new EnumMap<>(Priority.class);
        firstResponse.put(Priority.P1, duration("firstResponseP1", config.firstResponseP1()));
        firstResponse.put(Priority.P2, duration("firstResponseP2", config.firstResponseP2()));
        firstResponse.put(Priority.P3, duration("firstResponseP3", config.firstResponseP3()));
        firstResponse.put(Priority.P4, duration("firstResponseP4", config.firstResponseP4()));
        Map<Priority, Duration> resolution = new EnumMap<>(Priority.class);
        resolution.put(Priority.P1, duration("resolutionP1", config.resolutionP1()));
        resolution.put(Priority.P2, duration("resolutionP2", config.resolutionP2()));
        resolution.put(Priority.P3, duration("resolutionP3", config.resolutionP3()));
        resolution.put(Priority.P4, duration("resolutionP4", config.resolutionP4()));
        if (config.checkIntervalSeconds() < 1) {
            throw new IllegalArgumentException("checkIntervalSeconds must be at least 1");
        }
        return new TicketPolicy(Map.copyOf(firstResponse), Map.copyOf(resolution), calendar(config),
                duration("escalationStep", config.escalationStep()), config.checkIntervalSeconds(),
                duration("followUpAfter", config.followUpAfter()), config.defaultCommitment(),
                config.defaultCommitmentZh(), list(config.vipSegments()).stream()
                        .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
    }

    private static BusinessCalendar calendar(TicketConfig config) {
        ZoneId zone;
        try {
            zone = ZoneId.of(config.timeZone().trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("timeZone: unknown zone '" + config.timeZone() + "'");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : list(config.workingDays())) {
            days.add(Arrays.stream(DayOfWeek.values()).filter(d -> d.name().startsWith(day.toUpperCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("workingDays: unknown day '" + day + "'")));
        }
        String[] hours = config.workingHours().trim().split("\\s*-\\s*");
        if (hours.length != 2) {
            throw new IllegalArgumentException("workingHours: expected HH:MM-HH:MM, got '" + config.workingHours() + "'");
        }
        LocalTime open;
        LocalTime close;
        try {
            open = LocalTime.parse(hours[0]);
            close = "24:00".equals(hours[1]) ? null : LocalTime.parse(hours[1]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("workingHours: expected HH:MM-HH:MM, got '" + config.workingHours() + "'");
        }
        Set<LocalDate> holidays;
        try {
            holidays = list(config.holidays()).stream().map(LocalDate::parse).collect(Collectors.toSet());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("holidays: expected ISO dates such as 2026-10-01, got '" + config.holidays() + "'");
        }
        try {
            return new BusinessCalendar(zone, days, open, close, holidays);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("workingDays/workingHours: " + e.getMessage());
        }
    }

    private static Duration duration(String attribute, String value) {
        try {
            Duration duration = Duration.parse(value.trim());
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException();
            }
            return duration;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(attribute + ": expected a positive ISO-8601 duration such as PT4H, got '" + value + "'");
        }
    }

    private static Set<String> list(String value) {
        return value == null || value.isBlank() ? Set.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
