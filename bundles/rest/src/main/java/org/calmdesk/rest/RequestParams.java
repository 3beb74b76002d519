package org.calmdesk.rest;

import java.util.Arrays;
import java.util.Locale;

import javax.ws.rs.core.SecurityContext;

import org.calmdesk.core.error.ValidationException;

/**
 * Query parameters arrive as strings and are parsed here, because JAX-RS answers a parameter
 * it cannot convert with 404; the contract wants a 400 problem naming the parameter.
 */
public final class RequestParams {

    private RequestParams() {
    }

    /** {@code ?limit=}: null when absent, a 400 naming {@code limit} when not a whole number. */
    public static Integer limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(limit.trim());
        } catch (NumberFormatException e) {
            throw new ValidationException("limit", "must be a whole number");
        }
    }

    /** An enum filter, case-insensitive: null when absent, a 400 listing the allowed values otherwise. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** What a timestamp must look like, in every 400 about one. */
    public static final String TIMESTAMP_RULE =
            "must be an ISO-8601 timestamp such as 2026-11-23T08:15:00Z, between the years 1900 and 2199";
    private static final java.time.Instant EARLIEST = java.time.Instant.parse("1900-01-01T00:00:00Z");
    private static final java.time.Instant LATEST = java.time.Instant.parse("2200-01-01T00:00:00Z");

    /** {@code ?from=}-style timestamps: null when absent, a 400 naming the parameter when not ISO-8601. */
    public static java.time.Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return timestamp(field, value.trim());
    }

    /**
     * A strict ISO-8601 timestamp with a zone ({@code Z} or an offset), within sane years; a 400
     * naming {@code field} otherwise. Bodies and query parameters share this rule.
     */
    public static java.time.Instant timestamp(String field, String value) {
        java.time.Instant parsed;
        try {
            parsed = java.time.OffsetDateTime.parse(value, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new ValidationException(field, TIMESTAMP_RULE);
        }
        if (parsed.isBefore(EARLIEST) || !parsed.isBefore(LATEST)) {
            throw new ValidationException(field, TIMESTAMP_RULE);
        }
        return parsed;
    }

    /** {@code ?breached=}-style flags: null when absent, a 400 naming the parameter unless true or false. */
    public static Boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new ValidationException(field, "must be true or false");
        };
    }

    /** The authenticated user's name, recorded as the actor of a change. */
    public static String actor(SecurityContext security) {
        return security == null || security.getUserPrincipal() == null ? "anonymous"
                : security.getUserPrincipal().getName();
    }
}
