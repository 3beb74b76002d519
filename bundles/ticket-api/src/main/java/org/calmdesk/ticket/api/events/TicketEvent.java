package org.calmdesk.ticket.api.events;

import java.util.List;
import java.util.Set;

import org.calmdesk.core.events.EventPayload;
import org.calmdesk.ticket.api.TicketEvents;

/**
 * What every ticket event says about the ticket, as it stands after the change: each record of
 * this package starts with these components, so a consumer of several ticket topics (the emotion
 * module, say) reads them alike. The JSON stays flat: these are the records' own components.
 */
public interface TicketEvent extends EventPayload {

    String ticketId();

    String number();

    String status();

    String priority();

    String category();

    String channel();

    String emotionLabel();

    double emotionIntensity();

    int escalationLevel();

    int reopenCount();

    String actor();

    String assignee();

    Integer negativity();

    List<String> signals();

    @Override
    default String resourceId() {
        return ticketId();
    }

    /** The same keys for every ticket topic: those of them an event carries are redacted on erasure. */
    @Override
    default Set<String> freeText() {
        return TicketEvents.FREE_TEXT;
    }

    /** The record of a ticket topic, to read a stored event of any of them. */
    static Class<? extends TicketEvent> typeOf(String topic) {
        return switch (topic) {
            case TicketEvents.CREATED -> TicketCreated.class;
            case TicketEvents.ACKNOWLEDGED -> TicketAcknowledged.class;
            case TicketEvents.TRANSITIONED -> TicketTransitioned.class;
            case TicketEvents.RESOLVED -> TicketResolved.class;
            case TicketEvents.REOPENED -> TicketReopened.class;
            case TicketEvents.CLOSED -> TicketClosed.class;
            case TicketEvents.ESCALATED -> TicketEscalated.class;
            case TicketEvents.ASSIGNED -> TicketAssigned.class;
            case TicketEvents.MERGED -> TicketMerged.class;
            default -> throw new IllegalArgumentException("Not a ticket topic: " + topic);
        };
    }
}
