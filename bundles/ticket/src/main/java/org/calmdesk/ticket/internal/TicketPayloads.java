package org.calmdesk.ticket.internal;

import java.util.List;

import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.events.TicketAcknowledged;
import org.calmdesk.ticket.api.events.TicketAssigned;
import org.calmdesk.ticket.api.events.TicketClosed;
import org.calmdesk.ticket.api.events.TicketCreated;
import org.calmdesk.ticket.api.events.TicketEscalated;
import org.calmdesk.ticket.api.events.TicketMerged;
import org.calmdesk.ticket.api.events.TicketReopened;
import org.calmdesk.ticket.api.events.TicketResolved;
import org.calmdesk.ticket.api.events.TicketTransitioned;

/**
 * The module's event records built from a ticket as it stands after the change; shared by the
 * service and the SLA monitor. Every record starts with the same ticket properties, in the same
 * order, so the lines below read alike.
 */
final class TicketPayloads {

    private TicketPayloads() {
    }

    static TicketCreated created(Ticket t, String actor) {
        return new TicketCreated(t.id(), t.number(), t.customerId(), t.status().name(), t.priority().name(), t.category().name(),
                t.channel().name(), t.emotion().label().name(), t.emotion().intensity(), t.escalationLevel(), t.reopenCount(),
                actorOf(actor), t.assignee(), t.emotion().negativity(), signals(t),
                t.subject(), t.description());
    }

    static TicketTransitioned transitioned(Ticket t, String actor, String from) {
        return new TicketTransitioned(t.id(), t.number(), t.customerId(), t.status().name(), t.priority().name(), t.category().name(),
                t.channel().name(), t.emotion().label().name(), t.emotion().intensity(), t.escalationLevel(), t.reopenCount(),
                actorOf(actor), t.assignee(), t.emotion().negativity(), signals(t),
                from, t.status().name());
    }

    static TicketAcknowledged acknowledged(Ticket t, String actor, String from) {
        return new TicketAcknowledged(t.id(), t.number(), t.customerId(), t.status().name(), t.priority().name(), t.category().name(),
                t.channel().name(), t.emotion().label().name(), t.emotion().intensity(), t.escalationLevel(), t.reopenCount(),
                actorOf(actor), t.assignee(), t.emotion().negativity(), signals(t),
                from, t.status().name());
    }

    /** What a resolution tells the follow-up, survey and knowledge modules. */
    static TicketResolved resolved(Ticket t, String actor, String from) {
        return new TicketResolved(t.id(), t.number(), t.customerId(), t.status().name(), t.priority().name(), t.category().name(),
                t.channel().name(), t.emotion().label().name(), t.emotion().intensity(), t.escalationLevel(), t.reopenCount(),
                actorOf(actor), t.assignee(), t.emotion().negativity(), signals(t),
                from, t.status().name(), t.subject(), t.description(), t.resolution().summary(), t.resolution().rootCause(),
                t.resolution().compensation(), t.commitment().text(), t.commitment().followUpAt().toString());
    }

    static TicketClosed closed(Ticket t, String actor, String from) {
        return new TicketClosed(t.id(), t.number(), t.customerId(), t.status().name(), t.priority().name(), t.category().name(),
                t.channel().name(), t.emotion().label().name(), t.emotion().intensity(), t.escalationLevel(), t.reopenCount(),
                actorOf(actor), t.assignee(), t.emotion().negativity(), signals(t),
                from, t.status().name());
    }

    static TicketReopened reopened(Ticket t, String actor, String from) {
        return new TicketReopened(t.id(), t.number(), t.customerId(), t.status().name(), t.priority().name(), t.category().name(),
                t.channel().name(), t.emotion().label().name(), t.emotion().intensity(), t.escalationLevel(), t.reopenCount(),
                actorOf(actor), t.assignee(), t.emotion().negativity(), signals(t),
                from, t.status().name());
    }

    /** The source after the merge, the status it had, and the ticket it was merged into. */
    static TicketMerged merged(Ticket t, String actor, String from, Ticket target) {
        return new TicketMerged(t.id(), t.number(), t.customerId(), t.status().name(), t.priority().name(), t.category().name(),
                t.channel().name(), t.emotion().label().name(), t.emotion().intensity(), t.escalationLevel(), t.reopenCount(),
                actorOf(actor), t.assignee(), t.emotion().negativity(), signals(t),
                from, target.id(), target.number());
    }

    /** {@code previousAssignee} is null when the ticket had none. */
    static TicketAssigned assigned(Ticket t, String actor, String previousAssignee) {
        return new TicketAssigned(t.id(), t.number(), t.customerId(), t.status().name(), t.priority().name(), t.category().name(),
                t.channel().name(), t.emotion().label().name(), t.emotion().intensity(), t.escalationLevel(), t.reopenCount(),
                actorOf(actor), t.assignee(), t.emotion().negativity(), signals(t),
                previousAssignee);
    }

    static TicketEscalated escalated(TicketStore.Escalation escalation) {
        Ticket t = escalation.ticket();
        return new TicketEscalated(t.id(), t.number(), t.customerId(), t.status().name(), t.priority().name(), t.category().name(),
                t.channel().name(), t.emotion().label().name(), t.emotion().intensity(), t.escalationLevel(), t.reopenCount(),
                "sla", t.assignee(), t.emotion().negativity(), signals(t),
                escalation.breach(), escalation.fromLevel(), escalation.toLevel());
    }

    private static String actorOf(String actor) {
        return actor == null ? "system" : actor;
    }

    /** Left out of the event when the analyzer found none. */
    private static List<String> signals(Ticket t) {
        return t.emotion().signals().isEmpty() ? null : t.emotion().signals();
    }
}
