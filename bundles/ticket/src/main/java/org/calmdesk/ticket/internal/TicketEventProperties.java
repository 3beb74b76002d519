package org.calmdesk.ticket.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.calmdesk.core.events.DomainEvent;

import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketEvents;

/** The properties of the module's events, as {@link TicketEvents} names them; shared by the service and the SLA monitor. */
final class TicketEventProperties {

    /** The properties people write: redacted in the stored events when the customer is erased. */
    static final Set<String> FREE_TEXT = Set.of(TicketEvents.SUBJECT, TicketEvents.DESCRIPTION, TicketEvents.RESOLUTION_SUMMARY,
            TicketEvents.ROOT_CAUSE, TicketEvents.COMPENSATION, TicketEvents.COMMITMENT_TEXT);

    private TicketEventProperties() {
    }

    /** The event to append for a topic and its properties. */
    static DomainEvent event(String topic, Map<String, Object> props) {
        return new DomainEvent(topic, (String) props.get(TicketEvents.TICKET_ID), (String) props.get(TicketEvents.CUSTOMER_ID),
                props, FREE_TEXT);
    }

    /** What every ticket event carries; a mutable map, so a topic can add its own. */
    static Map<String, Object> of(Ticket ticket, String actor) {
        Map<String, Object> props = new HashMap<>();
        props.put(TicketEvents.TICKET_ID, ticket.id());
        props.put(TicketEvents.NUMBER, ticket.number());
        props.put(TicketEvents.CUSTOMER_ID, ticket.customerId());
        props.put(TicketEvents.STATUS, ticket.status().name());
        props.put(TicketEvents.PRIORITY, ticket.priority().name());
        props.put(TicketEvents.CATEGORY, ticket.category().name());
        props.put(TicketEvents.CHANNEL, ticket.channel().name());
        props.put(TicketEvents.EMOTION_LABEL, ticket.emotion().label().name());
        props.put(TicketEvents.EMOTION_INTENSITY, ticket.emotion().intensity());
        props.put(TicketEvents.ESCALATION_LEVEL, ticket.escalationLevel());
        props.put(TicketEvents.REOPEN_COUNT, ticket.reopenCount());
        props.put(TicketEvents.ACTOR, actor == null ? "system" : actor);
        if (ticket.assignee() != null) {
            props.put(TicketEvents.ASSIGNEE, ticket.assignee());
        }
        if (ticket.emotion().negativity() != null) {
            props.put(TicketEvents.NEGATIVITY, ticket.emotion().negativity());
        }
        if (!ticket.emotion().signals().isEmpty()) {
            props.put(TicketEvents.SIGNALS, ticket.emotion().signals().toArray(String[]::new));
        }
        return props;
    }

    /** {@code base} plus what a resolution tells the follow-up, survey and knowledge modules. */
    static Map<String, Object> resolved(Ticket ticket, Map<String, Object> base) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(TicketEvents.SUBJECT, ticket.subject());
        if (ticket.description() != null) {
            props.put(TicketEvents.DESCRIPTION, ticket.description());
        }
        props.put(TicketEvents.RESOLUTION_SUMMARY, ticket.resolution().summary());
        if (ticket.resolution().rootCause() != null) {
            props.put(TicketEvents.ROOT_CAUSE, ticket.resolution().rootCause());
        }
        if (ticket.resolution().compensation() != null) {
            props.put(TicketEvents.COMPENSATION, ticket.resolution().compensation());
        }
        props.put(TicketEvents.COMMITMENT_TEXT, ticket.commitment().text());
        props.put(TicketEvents.FOLLOW_UP_AT, ticket.commitment().followUpAt().toString());
        return props;
    }
}
