package org.calmdesk.ticket.internal;

import java.util.Optional;

import org.calmdesk.core.error.ConflictException;
import org.calmdesk.followup.api.FollowUpEvents;
import org.calmdesk.followup.api.events.FollowUpCompleted;
import org.calmdesk.survey.api.SurveyEvents;
import org.calmdesk.survey.api.events.SurveyDissatisfied;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketService;
import org.calmdesk.ticket.api.TicketStatus;
import org.calmdesk.ticket.api.Transition;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.events.EventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the loop from the other modules' events, typed by their API bundles only: a follow-up completed
 * with a satisfied customer closes the resolved ticket, an unsatisfied one reopens it, and so does
 * a dissatisfied survey answer. Moves the flow does not allow (already closed, already reopened)
 * are skipped, and each event's receipt makes a redelivered one change nothing.
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=" + TicketLoopListener.NAME,
        EventConsumer.START + "=now",
        EventConsumer.TOPICS + "=" + FollowUpEvents.COMPLETED,
        EventConsumer.TOPICS + "=" + SurveyEvents.DISSATISFIED })
public class TicketLoopListener implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(TicketLoopListener.class);

    static final String NAME = "ticket.ticket-loop-listener";

    private final TicketService tickets;
    private final TicketStore store;

    @Activate
    public TicketLoopListener(@Reference TicketService tickets, @Reference TicketStore store) {
        this.tickets = tickets;
        this.store = store;
    }

    /**
     * The move and the event's receipt commit together: a follow-up's outcome replayed after the
     * ticket moved on (reopened, resolved again) must not move it a second time.
     */
    @Override
    public void consume(LoggedEvent event) {
        store.atomically(() -> {
            if (EventLog.firstDelivery(NAME, event)) {
                handle(event);
            }
            return null;
        });
    }

    private void handle(LoggedEvent event) {
        if (FollowUpEvents.COMPLETED.equals(event.topic())) {
            FollowUpCompleted completed = event.as(FollowUpCompleted.class);
            if (completed.ticketId() == null) {
                return;
            }
            String summary = completed.summary();
            if (Boolean.TRUE.equals(completed.customerSatisfied())) {
                moveIfAllowed(completed.ticketId(), TicketStatus.CLOSED, "followup",
                        "Follow-up: customer satisfied" + (summary == null ? "" : ". " + summary));
            } else if (Boolean.FALSE.equals(completed.customerSatisfied())) {
                moveIfAllowed(completed.ticketId(), TicketStatus.REOPENED, "followup",
                        "Follow-up: customer not satisfied" + (summary == null ? "" : ". " + summary));
            }
        } else if (SurveyEvents.DISSATISFIED.equals(event.topic())) {
            SurveyDissatisfied dissatisfied = event.as(SurveyDissatisfied.class);
            if (dissatisfied.ticketId() != null) {
                moveIfAllowed(dissatisfied.ticketId(), TicketStatus.REOPENED, "survey",
                        "Survey answer: " + dissatisfied.scoreKind() + " " + dissatisfied.score());
            }
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
