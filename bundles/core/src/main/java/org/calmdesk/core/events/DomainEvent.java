package org.calmdesk.core.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a module announces about one change: its topic ({@code calmdesk/<module>/<EVENT>}), the
 * resource it is about, the customer it concerns (so an erasure can redact it), the documented
 * properties, and which of those are free text a person wrote (redacted when the customer is
 * erased). Appended with {@link EventLog#append(DomainEvent)} inside the change's transaction.
 *
 * @param topic      {@code calmdesk/<module>/<EVENT>}
 * @param resourceId id of the resource the event is about
 * @param customerId the customer concerned, or null
 * @param data       the event's properties: strings, numbers, booleans and string arrays
 * @param freeText   the keys of {@code data} that hold free text
 */
public record DomainEvent(String topic, String resourceId, String customerId, Map<String, Object> data, Set<String> freeText) {

    /** The version of the stored form; raised when a topic's properties change incompatibly. */
    public static final int SCHEMA_VERSION = 1;

    public DomainEvent {
        Objects.requireNonNull(topic, "topic");
        if (!topic.startsWith("calmdesk/") || topic.chars().filter(c -> c == '/').count() != 2) {
            throw new IllegalArgumentException("Not a calmdesk/<module>/<EVENT> topic: " + topic);
        }
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        freeText = Set.copyOf(freeText);
    }

    public DomainEvent(String topic, String resourceId, String customerId, Map<String, Object> data) {
        this(topic, resourceId, customerId, data, Set.of());
    }

    /** The dotted form CRMs filter on: {@code calmdesk/ticket/RESOLVED} is {@code ticket.resolved}. */
    public String type() {
        return typeOf(topic);
    }

    public static String typeOf(String topic) {
        String[] parts = topic.split("/");
        return parts[1] + "." + parts[2].toLowerCase(Locale.ROOT);
    }
}
