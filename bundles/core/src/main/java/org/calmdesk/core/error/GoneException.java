package org.calmdesk.core.error;

/** The resource existed but is no longer usable, such as an expired survey invitation (410). */
public class GoneException extends CalmdeskException {

    private static final long serialVersionUID = 1L;

    public GoneException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 410;
    }

    @Override
    public String title() {
        return "Gone";
    }
}
