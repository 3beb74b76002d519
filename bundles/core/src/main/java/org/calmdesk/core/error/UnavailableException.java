package org.calmdesk.core.error;

/**
 * A module this request needs is not installed or not running right now (503); the client may
 * retry once an integrator has installed or restarted it.
 */
public class UnavailableException extends CalmdeskException {

    private static final long serialVersionUID = 1L;

    /** A module restart or a database failover usually takes a few seconds. */
    public static final long DEFAULT_RETRY_AFTER_SECONDS = 5;

    private final long retryAfterSeconds;

    public UnavailableException(String message) {
        this(message, DEFAULT_RETRY_AFTER_SECONDS);
    }

    public UnavailableException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String title() {
        return "Service unavailable";
    }

    @Override
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
