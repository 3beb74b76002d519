package org.calmdesk.knowledge.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Short lists kept in one column: scripts joined by a record separator, tags wrapped in a
 * delimiter ({@code \u0001a\u0001b\u0001}) so a per-row LIKE filters by tag while the database walks
 * the id order (the customer module measured this against a join).
 */
final class TextLists {

    static final String TAG_DELIMITER = "\u0001";
    private static final String SCRIPT_SEPARATOR = "\u001e";

    private TextLists() {
    }

    static String joinScripts(List<String> scripts) {
        return scripts == null || scripts.isEmpty() ? null : String.join(SCRIPT_SEPARATOR, scripts);
    }

    static List<String> splitScripts(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(SCRIPT_SEPARATOR, -1));
    }

    static String joinTags(List<String> tags) {
        return tags == null || tags.isEmpty() ? null : TAG_DELIMITER + String.join(TAG_DELIMITER, tags) + TAG_DELIMITER;
    }

    static List<String> splitTags(String joined) {
        if (joined == null || joined.length() < 2) {
            return List.of();
        }
        return Arrays.stream(joined.substring(1, joined.length() - 1).split(TAG_DELIMITER, -1))
                .filter(t -> !t.isEmpty()).toList();
    }

    /** Trimmed, blank-free, duplicate-free; null for none. */
    static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::trim).filter(v -> !v.isEmpty()).distinct().toList();
    }
}
