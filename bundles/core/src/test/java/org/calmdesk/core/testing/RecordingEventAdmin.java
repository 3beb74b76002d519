package org.calmdesk.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Records posted and sent events instead of delivering them (shared through the core test-jar). */
public final class RecordingEventAdmin implements EventAdmin {

    public final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void postEvent(Event event) {
        events.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        events.add(event);
    }

    public List<Event> on(String topic) {
        return events.stream().filter(e -> e.getTopic().equals(topic)).toList();
    }

    public List<String> topics() {
        return events.stream().map(Event::getTopic).toList();
    }
}
