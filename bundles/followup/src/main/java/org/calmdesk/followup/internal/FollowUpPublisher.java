package org.calmdesk.followup.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.calmdesk.followup.api.FollowUp;
import org.calmdesk.followup.api.FollowUpEvents;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts the module's events, with the properties {@link FollowUpEvents} names; each component that changes follow-ups has one. */
final class FollowUpPublisher {

    /** The actor of changes the module makes by itself (from events and the scheduler). */
    static final String MODULE = "followup";

    private final EventAdmin events;

    FollowUpPublisher(EventAdmin events) {
        this.events = events;
    }

    void post(String topic, FollowUp followUp, String actor) {
        events.postEvent(new Event(topic, properties(followUp, actor)));
    }

    void post(String topic, List<FollowUp> followUps, String actor) {
        followUps.forEach(f -> post(topic, f, actor));
    }

    /** CANCELLED for the follow-ups a new one superseded, then CREATED when this call created it. */
    FollowUpStore.Created posted(FollowUpStore.Created result) {
        post(FollowUpEvents.CANCELLED, result.cancelled(), MODULE);
        if (result.created()) {
            post(FollowUpEvents.CREATED, result.followUp(), MODULE);
        }
        return result;
    }

    /** What every follow-up event carries; a mutable map, so a topic can add its own. */
    static Map<String, Object> properties(FollowUp followUp, String actor) {
        Map<String, Object> props = new HashMap<>();
        props.put(FollowUpEvents.FOLLOW_UP_ID, followUp.id());
        props.put(FollowUpEvents.CUSTOMER_ID, followUp.customerId());
        props.put(FollowUpEvents.DUE_AT, followUp.dueAt().toString());
        props.put(FollowUpEvents.STATUS, followUp.status().name());
        props.put(FollowUpEvents.ACTOR, actor == null ? "system" : actor);
        if (followUp.ticketId() != null) {
            props.put(FollowUpEvents.TICKET_ID, followUp.ticketId());
        }
        if (followUp.assignee() != null) {
            props.put(FollowUpEvents.ASSIGNEE, followUp.assignee());
        }
        return props;
    }

    void post(Event event) {
        events.postEvent(event);
    }
}
