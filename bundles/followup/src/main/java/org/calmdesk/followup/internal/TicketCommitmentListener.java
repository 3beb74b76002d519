package org.calmdesk.followup.internal;

import java.time.Instant;

import org.calmdesk.ticket.api.TicketEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 服务承诺 -> 反馈跟进: a ticket reaching RESOLVED schedules exactly one follow-up at its
 * commitment's {@code followUpAt}; a reopened ticket's pending follow-up is cancelled. Only the
 * ticket API's topic names are used (constants), never the ticket implementation.
 */
@Component(service = EventHandler.class, property = {
        EventConstants.EVENT_TOPIC + "=" + TicketEvents.RESOLVED,
        EventConstants.EVENT_TOPIC + "=" + TicketEvents.REOPENED })
public class TicketCommitmentListener implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TicketCommitmentListener.class);

    private final JpaFollowUpService followUps;

    @Activate
    public TicketCommitmentListener(@Reference JpaFollowUpService followUps) {
        this.followUps = followUps;
    }

    @Override
    public void handleEvent(Event event) {
        String ticketId = (String) event.getProperty(TicketEvents.TICKET_ID);
        if (ticketId == null) {
            return;
        }
        try {
            if (TicketEvents.RESOLVED.equals(event.getTopic())) {
                JpaFollowUpService.Created created = followUps.fromTicket(commitmentOf(event));
                if (created.created()) {
                    LOG.info("Follow-up {} scheduled for ticket {} at {}", created.followUp().id(),
                            event.getProperty(TicketEvents.NUMBER), created.followUp().dueAt());
                }
            } else {
                followUps.cancelForReopenedTicket(ticketId);
            }
        } catch (RuntimeException e) {
            // The scheduler's reconciliation creates a missed commitment's follow-up on its next run.
            LOG.error("Could not handle {} of ticket {}: {}", event.getTopic(), ticketId, e.toString());
        }
    }

    static JpaFollowUpService.TicketCommitment commitmentOf(Event event) {
        Object reopenCount = event.getProperty(TicketEvents.REOPEN_COUNT);
        return new JpaFollowUpService.TicketCommitment((String) event.getProperty(TicketEvents.TICKET_ID),
                (String) event.getProperty(TicketEvents.CUSTOMER_ID),
                reopenCount instanceof Number n ? n.intValue() : 0,
                Instant.parse((String) event.getProperty(TicketEvents.FOLLOW_UP_AT)),
                (String) event.getProperty(TicketEvents.CHANNEL), (String) event.getProperty(TicketEvents.ASSIGNEE),
                (String) event.getProperty(TicketEvents.COMMITMENT_TEXT), (String) event.getProperty(TicketEvents.NUMBER));
    }
}
