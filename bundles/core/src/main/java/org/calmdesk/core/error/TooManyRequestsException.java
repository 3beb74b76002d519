package org.calmdesk.core.error;

import java.util.Map;

/** A client sent more requests than its allowance (429); {@code retryAfterSeconds} says when to try again. */
public class TooManyRequestsException extends CalmdeskException {

    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    public TooManyRequestsException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public int status() {
        return 429;
    }

    @Override
    public String title() {
        return "Too many requests";
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("retryAfterSeconds", retryAfterSeconds);
    }

    @Override
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
