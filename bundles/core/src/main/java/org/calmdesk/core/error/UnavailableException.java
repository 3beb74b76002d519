package org.calmdesk.core.error;

/**
 * A module this request needs is not installed or not running right now (503); the client may
 * retry once an integrator has installed or restarted it.
 */
public class UnavailableException extends CalmdeskException {

    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String title() {
        return "Service unavailable";
    }
}
