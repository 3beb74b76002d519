package org.calmdesk.followup.internal;

import java.util.List;
import java.util.function.Supplier;

import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.events.EventPayload;
import org.calmdesk.followup.api.Completion;
import org.calmdesk.followup.api.FollowUp;
import org.calmdesk.followup.api.events.FollowUpCancelled;
import org.calmdesk.followup.api.events.FollowUpCompleted;
import org.calmdesk.followup.api.events.FollowUpCreated;

/**
 * Appends the module's event records in the transaction of the change they announce: each method
 * runs a store change and its events as one unit, so an event exists exactly when its change
 * committed. Which event a change makes is given as its record's constructor
 * ({@code FollowUpCancelled::new}): every record starts with the same follow-up properties.
 */
final class FollowUpPublisher {

    /** The actor of changes the module makes by itself (from events and the scheduler). */
    static final String MODULE = "followup";

    /** An event record built from the follow-up properties every event carries. */
    @FunctionalInterface
    interface Announcement {
        EventPayload of(String followUpId, String customerId, String ticketId, String assignee, String dueAt, String status,
                String actor);
    }

    private final FollowUpStore store;

    FollowUpPublisher(FollowUpStore store) {
        this.store = store;
    }

    /** A change of one follow-up, announced as {@code announcement}. */
    FollowUp one(Announcement announcement, Supplier<FollowUp> change, String actor) {
        return store.atomically(() -> {
            FollowUp changed = change.get();
            append(announcement, changed, actor);
            return changed;
        });
    }

    /** A change of several follow-ups (a sweep's claim), each announced as {@code announcement}. */
    List<FollowUp> each(Announcement announcement, Supplier<List<FollowUp>> change, String actor) {
        return store.atomically(() -> {
            List<FollowUp> changed = change.get();
            changed.forEach(f -> append(announcement, f, actor));
            return changed;
        });
    }

    /** CANCELLED for the follow-ups a new one superseded, then CREATED when this call created it. */
    FollowUpStore.Created created(Supplier<FollowUpStore.Created> change) {
        return store.atomically(() -> {
            FollowUpStore.Created result = change.get();
            result.cancelled().forEach(f -> append(FollowUpCancelled::new, f, MODULE));
            if (result.created()) {
                append(FollowUpCreated::new, result.followUp(), MODULE);
            }
            return result;
        });
    }

    /** Appends one event to the running transaction. */
    static void append(Announcement announcement, FollowUp followUp, String actor) {
        append(announcement.of(followUp.id(), followUp.customerId(), followUp.ticketId(), followUp.assignee(),
                followUp.dueAt().toString(), followUp.status().name(), actorOf(actor)));
    }

    /** COMPLETED: the follow-up properties, what the customer said and whether they were satisfied. */
    static void completed(FollowUp followUp, Completion completion, String actor) {
        append(new FollowUpCompleted(followUp.id(), followUp.customerId(), followUp.ticketId(), followUp.assignee(),
                followUp.dueAt().toString(), followUp.status().name(), actorOf(actor), completion.customerSatisfied(),
                completion.summary().trim()));
    }

    private static void append(EventPayload payload) {
        EventLog.append(DomainEvent.of(payload));
    }

    private static String actorOf(String actor) {
        return actor == null ? "system" : actor;
    }
}
