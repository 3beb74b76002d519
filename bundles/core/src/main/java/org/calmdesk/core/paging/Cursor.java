package org.calmdesk.core.paging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.calmdesk.core.error.ValidationException;

/**
 * The keyset position after which a page starts: the sort-key values of the last item served.
 * Encoded as URL-safe base64 so clients treat it as opaque.
 */
public final class Cursor {

    private static final String VERSION = "1";
    private static final char SEPARATOR = '\u001f';
    private final List<String> keys;

    private Cursor(List<String> keys) {
        this.keys = List.copyOf(keys);
    }

    public static Cursor of(String... keys) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("a cursor needs at least one key");
        }
        return new Cursor(Arrays.asList(keys));
    }

    public static Cursor decode(String encoded) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            String[] parts = raw.split(String.valueOf(SEPARATOR), -1);
            if (parts.length < 2 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor format");
            }
            return new Cursor(Arrays.asList(parts).subList(1, parts.length));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("cursor", "is not a cursor this server issued");
        }
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + SEPARATOR + String.join(String.valueOf(SEPARATOR), keys))
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** The i-th sort key; a cursor with too few keys is a client error, not a server fault. */
    public String key(int index) {
        if (index >= keys.size()) {
            throw new ValidationException("cursor", "does not belong to this list");
        }
        return keys.get(index);
    }

    public int size() {
        return keys.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cursor c && c.keys.equals(keys);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }

    @Override
    public String toString() {
        return encode();
    }
}
