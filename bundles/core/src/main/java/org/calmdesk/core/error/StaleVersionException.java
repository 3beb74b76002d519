package org.calmdesk.core.error;

/** The client's If-Match names a version that is no longer current (412). */
public class StaleVersionException extends CalmdeskException {

    private static final long serialVersionUID = 1L;

    public StaleVersionException(long expected, long actual) {
        super("The resource is at version " + actual + ", not " + expected + "; read it again and retry");
    }

    @Override
    public int status() {
        return 412;
    }

    @Override
    public String title() {
        return "Precondition failed";
    }
}
