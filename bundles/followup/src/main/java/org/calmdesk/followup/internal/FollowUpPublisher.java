package org.calmdesk.followup.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.followup.api.FollowUp;
import org.calmdesk.followup.api.FollowUpEvents;

/**
 * Appends the module's events, with the properties {@link FollowUpEvents} names, in the
 * transaction of the change they announce: each method runs a store change and its events as one
 * unit, so an event exists exactly when its change committed.
 */
final class FollowUpPublisher {

    /** The actor of changes the module makes by itself (from events and the scheduler). */
    static final String MODULE = "followup";
    /** The properties people write: redacted in the stored events when the customer is erased. */
    static final Set<String> FREE_TEXT = Set.of(FollowUpEvents.SUMMARY);

    private final FollowUpStore store;

    FollowUpPublisher(FollowUpStore store) {
        this.store = store;
    }

    /** A change of one follow-up, announced under {@code topic}. */
    FollowUp one(String topic, Supplier<FollowUp> change, String actor) {
        return store.atomically(() -> {
            FollowUp changed = change.get();
            append(topic, changed, actor);
            return changed;
        });
    }

    /** A change of several follow-ups (a sweep's claim), each announced under {@code topic}. */
    List<FollowUp> each(String topic, Supplier<List<FollowUp>> change, String actor) {
        return store.atomically(() -> {
            List<FollowUp> changed = change.get();
            changed.forEach(f -> append(topic, f, actor));
            return changed;
        });
    }

    /** CANCELLED for the follow-ups a new one superseded, then CREATED when this call created it. */
    FollowUpStore.Created created(Supplier<FollowUpStore.Created> change) {
        return store.atomically(() -> {
            FollowUpStore.Created result = change.get();
            result.cancelled().forEach(f -> append(FollowUpEvents.CANCELLED, f, MODULE));
            if (result.created()) {
                append(FollowUpEvents.CREATED, result.followUp(), MODULE);
            }
            return result;
        });
    }

    /** Appends one event to the running transaction. */
    static void append(String topic, FollowUp followUp, String actor) {
        append(topic, followUp, properties(followUp, actor));
    }

    static void append(String topic, FollowUp followUp, Map<String, Object> properties) {
        EventLog.append(new DomainEvent(topic, followUp.id(), followUp.customerId(), properties, FREE_TEXT));
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
}
