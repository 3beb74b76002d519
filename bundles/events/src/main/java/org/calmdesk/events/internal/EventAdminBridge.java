package org.calmdesk.events.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.calmdesk.core.events.EventConsumer;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.events.LoggedEvent;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;

/**
 * The log's events as EventAdmin events, for the handlers of other bundles (an integrator's
 * extension, a test). It knows the topics of the registered handlers: with none for an event's
 * topic, sending it would reach nobody, so the relay need not read it (EventAdmin too hands a
 * handler only what is sent while it is registered).
 */
final class EventAdminBridge implements EventConsumer, ConsumerDemand {

    private final EventAdmin events;
    /** Each registered handler's {@value EventConstants#EVENT_TOPIC} patterns, by its service id. */
    private final Map<Long, List<String>> handlerTopics = new ConcurrentHashMap<>();

    EventAdminBridge(EventAdmin events) {
        this.events = events;
    }

    @Override
    public void consume(LoggedEvent event) {
        events.sendEvent(event.toEventAdmin());
    }

    @Override
    public boolean wantsNow(String topic) {
        for (List<String> patterns : handlerTopics.values()) {
            for (String pattern : patterns) {
                if (EventLog.matches(pattern, topic)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A handler registered or changed its properties. */
    void handler(long serviceId, Object topics) {
        handlerTopics.put(serviceId, patterns(topics));
    }

    void handlerGone(long serviceId) {
        handlerTopics.remove(serviceId);
    }

    /** EventAdmin's topic property: one pattern or several; {@code *} matches every topic, {@code a/b/*} a subtree. */
    private static List<String> patterns(Object topics) {
        if (topics instanceof String one) {
            return List.of(one);
        }
        if (topics instanceof String[] several) {
            return Arrays.asList(several);
        }
        if (topics instanceof java.util.Collection<?> several) {
            return several.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
