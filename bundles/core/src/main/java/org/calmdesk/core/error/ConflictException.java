package org.calmdesk.core.error;

import java.util.Map;

/** A request that contradicts the current state: an invalid transition or a duplicate (409). */
public class ConflictException extends CalmdeskException {

    private static final long serialVersionUID = 1L;
    private final transient Map<String, Object> extensions;

    public ConflictException(String message) {
        this(message, Map.of());
    }

    public ConflictException(String message, Map<String, Object> extensions) {
        super(message);
        this.extensions = Map.copyOf(extensions);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String title() {
        return "Conflict";
    }

    @Override
    public Map<String, Object> extensions() {
        return extensions;
    }
}
