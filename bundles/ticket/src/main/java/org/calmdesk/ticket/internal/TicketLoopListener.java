package org.calmdesk.ticket.internal;

import java.util.Optional;

import org.calmdesk.core.error.ConflictException;
import org.calmdesk.followup.api.FollowUpEvents;
import org.calmdesk.survey.api.SurveyEvents;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketService;
import org.calmdesk.ticket.api.TicketStatus;
import org.calmdesk.ticket.api.Transition;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.events.EventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the loop from the other modules' events, without importing them: a follow-up completed
 * with a satisfied customer closes the resolved ticket, an unsatisfied one reopens it, and so does
 * a dissatisfied survey answer. Moves the flow does not allow (already closed, already reopened)
 * are skipped, so a redelivered event changes nothing.
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=ticket.ticket-loop-listener",
        EventConsumer.START + "=now",
        EventConsumer.TOPICS + "=" + FollowUpEvents.COMPLETED,
        EventConsumer.TOPICS + "=" + SurveyEvents.DISSATISFIED })
public class TicketLoopListener implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(TicketLoopListener.class);

    private final TicketService tickets;

    @Activate
    public TicketLoopListener(@Reference TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public void consume(LoggedEvent event) {
        String ticketId = (String) event.property(FollowUpEvents.TICKET_ID);
        if (ticketId == null) {
            return;
        }
        if (FollowUpEvents.COMPLETED.equals(event.topic())) {
            Object satisfied = event.property(FollowUpEvents.CUSTOMER_SATISFIED);
            String summary = (String) event.property(FollowUpEvents.SUMMARY);
            if (Boolean.TRUE.equals(satisfied) || "true".equals(satisfied)) {
                moveIfAllowed(ticketId, TicketStatus.CLOSED, "followup",
                        "Follow-up: customer satisfied" + (summary == null ? "" : ". " + summary));
            } else if (Boolean.FALSE.equals(satisfied) || "false".equals(satisfied)) {
                moveIfAllowed(ticketId, TicketStatus.REOPENED, "followup",
                        "Follow-up: customer not satisfied" + (summary == null ? "" : ". " + summary));
            }
        } else if (SurveyEvents.DISSATISFIED.equals(event.topic())) {
            moveIfAllowed(ticketId, TicketStatus.REOPENED, "survey", "Survey answer: "
                    + event.property(SurveyEvents.SCORE_KIND) + " " + event.property(SurveyEvents.SCORE));
        }
    }

    /** Moves a ticket on behalf of another module's event; a move the flow does not allow is skipped. */
    boolean moveIfAllowed(String ticketId, TicketStatus target, String actor, String note) {
        Optional<Ticket> ticket = tickets.find(ticketId);
        if (ticket.isEmpty()) {
            LOG.info("Ignoring a request by {} to move unknown ticket {} to {}", actor, ticketId, target);
            return false;
        }
        if (!ticket.get().status().canMoveTo(target)) {
            LOG.info("Ticket {} is {}; the move to {} requested by {} is not allowed and skipped",
                    ticket.get().number(), ticket.get().status(), target, actor);
            return false;
        }
        try {
            tickets.transition(ticketId, new Transition(target, note, null, null), null, actor);
            return true;
        } catch (ConflictException e) {
            LOG.info("Ticket {} moved meanwhile; the move to {} requested by {} is skipped", ticket.get().number(), target, actor);
            return false;
        }
    }
}
