package org.calmdesk.core.paging;

import org.calmdesk.core.error.ValidationException;

/**
 * A validated {@code ?limit=&cursor=} pair. The cursor is opaque to clients; modules decode it
 * with {@link Cursor} into the sort key of the last item already returned.
 */
public record PageRequest(int limit, Cursor after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(Integer limit, String cursor) {
        int effective = limit == null ? DEFAULT_LIMIT : limit;
        if (effective < 1 || effective > MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(effective, cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor));
    }

    public static PageRequest first(int limit) {
        return of(limit, null);
    }

    /** Rows to fetch: one more than the page, to learn whether a next page exists. */
    public int fetchSize() {
        return limit + 1;
    }
}
