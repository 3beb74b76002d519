package org.calmdesk.emotion.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/** The parsed, validated configuration the module's parts read. */
record EmotionPolicy(int maxTextLength, int hostileNegativity, int exposureThreshold, ZoneId zone, Duration profileWindow,
        Duration profileHalfLife, boolean assignmentEnabled, List<String> agents, Duration coolDown,
        int maxOpenHighIntensity, double highIntensity, String playbookFile) {

    static EmotionPolicy defaults() {
        return new EmotionPolicy(10_000, 70, 5, ZoneId.of("UTC"), Duration.ofDays(90), Duration.ofDays(30), false, List.of(),
                Duration.ofMinutes(30), 0, 0.7, "");
    }

    /** @throws IllegalArgumentException naming the first bad attribute */
    static EmotionPolicy from(EmotionConfig config) {
        require(config.maxTextLength() >= 1 && config.maxTextLength() <= 1_000_000, "maxTextLength must be 1-1000000");
        require(config.hostileNegativity() >= 0 && config.hostileNegativity() <= 100, "hostileNegativity must be 0-100");
        require(config.exposureThreshold() >= 1, "exposureThreshold must be at least 1");
        require(config.profileWindowDays() >= 1, "profileWindowDays must be at least 1");
        require(config.profileHalfLifeDays() >= 1, "profileHalfLifeDays must be at least 1");
        require(config.coolDownMinutes() >= 0, "coolDownMinutes must not be negative");
        require(config.maxOpenHighIntensity() >= 0, "maxOpenHighIntensity must not be negative");
        ZoneId zone;
        try {
            zone = ZoneId.of(config.timeZone().trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone '" + config.timeZone() + "' is not a time zone");
        }
        double high;
        try {
            high = Double.parseDouble(config.highIntensity().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("highIntensity must be a number between 0 and 1");
        }
        require(high >= 0 && high <= 1, "highIntensity must be between 0 and 1");
        List<String> agents = config.agents() == null ? List.of()
                : Arrays.stream(config.agents().split(",")).map(String::trim).filter(a -> !a.isEmpty()).distinct().toList();
        return new EmotionPolicy(config.maxTextLength(), config.hostileNegativity(), config.exposureThreshold(), zone,
                Duration.ofDays(config.profileWindowDays()), Duration.ofDays(config.profileHalfLifeDays()),
                config.assignmentEnabled(), agents, Duration.ofMinutes(config.coolDownMinutes()),
                config.maxOpenHighIntensity(), high, config.playbookFile() == null ? "" : config.playbookFile().trim());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
