package org.calmdesk.core.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.event.Event;

/**
 * An event as the log keeps it: the {@link DomainEvent} plus its unique {@code id}, its place in
 * the log ({@code sequence}) and when it happened. Consumers dedupe by {@link #id()}.
 */
public record LoggedEvent(String id, long sequence, String topic, String type, String resourceId, String customerId,
        Instant occurredAt, Map<String, Object> data, int schemaVersion, boolean redacted) {

    /** EventAdmin property carrying {@link #id()} on the events the relay posts. */
    public static final String EVENT_ID = "calmdesk.event.id";
    /** EventAdmin property carrying {@link #sequence()} (a Long). */
    public static final String EVENT_SEQUENCE = "calmdesk.event.sequence";

    public LoggedEvent {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** One property of {@link #data()}, or null; arrays are String[] as producers put them. */
    public Object property(String key) {
        return data.get(key);
    }

    /**
     * The data read as the topic's payload record, e.g. {@code event.as(TicketResolved.class)}; a
     * redacted event reads {@value EventLog#ERASED} in its free-text properties.
     */
    public <T extends EventPayload> T as(Class<T> type) {
        return EventPayloads.fromProperties(data, type);
    }

    /** The event as EventAdmin listeners receive it: the data's properties plus the id and the sequence. */
    public Event toEventAdmin() {
        Map<String, Object> properties = new LinkedHashMap<>(data);
        properties.put(EVENT_ID, id);
        properties.put(EVENT_SEQUENCE, sequence);
        return new Event(topic, properties);
    }
}
