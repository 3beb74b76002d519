package org.calmdesk.core.error;

/** An id that names no record (404). */
public class NotFoundException extends CalmdeskException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String resource, String id) {
        super(resource + " '" + abbreviate(id) + "' does not exist");
    }

    static String abbreviate(String id) {
        if (id == null) {
            return "";
        }
        String printable = id.replaceAll("[^\\p{L}\\p{N}._:@+-]", "?");
        return printable.length() > 64 ? printable.substring(0, 64) + "..." : printable;
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String title() {
        return "Not found";
    }
}
