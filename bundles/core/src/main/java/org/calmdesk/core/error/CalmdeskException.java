package org.calmdesk.core.error;

import java.util.Map;

/**
 * A failure the client caused or can act on. The REST layer turns each subclass into an
 * RFC 9457 problem with the HTTP status it names; the message is safe to show to the client.
 */
public abstract class CalmdeskException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected CalmdeskException(String message) {
        super(message);
    }

    /** The HTTP status this failure maps to. */
    public abstract int status();

    /** A short, stable, human-readable summary of the problem type. */
    public abstract String title();

    /** Extra members for the problem document (for example the allowed moves of a 409). */
    public Map<String, Object> extensions() {
        return Map.of();
    }

    /** Seconds after which a retry may succeed ({@code Retry-After}), or {@code null} when retrying won't help. */
    public Long retryAfterSeconds() {
        return null;
    }
}
