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

    /** The authenticated user's name, recorded as the actor of a change. */
    public static String actor(SecurityContext security) {
        return security == null || security.getUserPrincipal() == null ? "anonymous"
                : security.getUserPrincipal().getName();
    }
}
