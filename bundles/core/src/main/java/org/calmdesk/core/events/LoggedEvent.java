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

    public String string(String key) {
        Object value = data.get(key);
        return value == null ? null : value.toString();
    }

    /** The event as EventAdmin listeners receive it: the data's properties plus the id and the sequence. */
    public Event toEventAdmin() {
        Map<String, Object> properties = new LinkedHashMap<>(data);
        properties.put(EVENT_ID, id);
        properties.put(EVENT_SEQUENCE, sequence);
        return new Event(topic, properties);
    }
}
