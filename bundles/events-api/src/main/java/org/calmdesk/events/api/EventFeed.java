package org.calmdesk.events.api;

import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.paging.Page;

/**
 * The event log read in order, for CRMs that poll ({@code GET /events}) and for the console. Only
 * events the relay has numbered are visible, so a page never skips one that commits late.
 */
public interface EventFeed {

    int MAX_LIMIT = 500;

    /**
     * Events with a sequence above {@code after} (null or "0": from the oldest kept), oldest
     * first, whose topic matches {@code topicPattern} (exact, or ending in {@code *}; null for all).
     * {@code nextCursor} is the sequence to ask after next time; when nothing is new it repeats
     * {@code after}, so a poller always has a place to continue from.
     *
     * @throws org.calmdesk.core.error.ValidationException for a cursor, pattern or limit out of range
     */
    Page<LoggedEvent> after(String after, String topicPattern, Integer limit);

    /** The highest sequence numbered so far (0 when the log is empty). */
    long head();
}
