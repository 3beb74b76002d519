package org.calmdesk.events.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.paging.Page;
import org.calmdesk.events.api.EventFeed;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The feed over the log: plain keyset reads by sequence, which only numbered (committed, ordered) events have. */
@Component(service = EventFeed.class)
public class EventFeedStore implements EventFeed {

    static final int DEFAULT_LIMIT = 100;
    private static final Pattern SEQUENCE = Pattern.compile("\\d{1,18}");

    private final DataSource db;

    @Activate
    public EventFeedStore(@Reference(target = "(osgi.jndi.service.name=calmdesk.events)") DataSource db) {
        this.db = db;
    }

    @Override
    public Page<LoggedEvent> after(String after, String topicPattern, Integer limit) {
        long from = 0;
        if (after != null && !after.isBlank()) {
            if (!SEQUENCE.matcher(after.trim()).matches()) {
                throw new ValidationException("after", "must be a sequence number from an earlier page (digits)");
            }
            from = Long.parseLong(after.trim());
        }
        String pattern = topicPattern == null || topicPattern.isBlank() || topicPattern.equals("*") ? null : topicPattern.trim();
        if (pattern != null && !EventLog.TOPIC_PATTERN.matcher(pattern).matches()) {
            throw new ValidationException("topic", "must be a topic such as calmdesk/ticket/RESOLVED, or a prefix ending in *"
                    + " such as calmdesk/ticket/*");
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        try (Connection connection = db.getConnection()) {
            List<LoggedEvent> events = EventLog.read(connection, from, pattern, size);
            String next = events.isEmpty() ? String.valueOf(from) : String.valueOf(events.get(events.size() - 1).sequence());
            return new Page<>(events, next);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the event log failed", e);
        }
    }

    @Override
    public long head() {
        try (Connection connection = db.getConnection()) {
            return Sequencer.head(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the event log failed", e);
        }
    }
}
