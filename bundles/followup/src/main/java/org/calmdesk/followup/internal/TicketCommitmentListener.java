package org.calmdesk.followup.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;


import org.calmdesk.followup.api.FollowUp;
import org.calmdesk.followup.api.FollowUpEvents;
import org.calmdesk.ticket.api.TicketEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
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

    private final FollowUpStore store;
    private final FollowUpPublisher publisher;
    private final FollowUpSettings settings;
    private final Clock clock;

    @Activate
    public TicketCommitmentListener(@Reference FollowUpStore store, @Reference EventAdmin events,
            @Reference FollowUpSettings settings) {
        this(store, events, settings, Clock.systemUTC());
    }

    TicketCommitmentListener(FollowUpStore store, EventAdmin events, FollowUpSettings settings, Clock clock) {
        this.store = store;
        this.publisher = new FollowUpPublisher(events);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void handleEvent(Event event) {
        String ticketId = (String) event.getProperty(TicketEvents.TICKET_ID);
        if (ticketId == null) {
            return;
        }
        try {
            if (TicketEvents.RESOLVED.equals(event.getTopic())) {
                FollowUpStore.Created created = fromTicket(commitmentOf(event));
                if (created.created()) {
                    LOG.info("Follow-up {} scheduled for ticket {} at {}", created.followUp().id(),
                            event.getProperty(TicketEvents.NUMBER), created.followUp().dueAt());
                }
            } else {
                cancelForReopenedTicket(ticketId);
            }
        } catch (RuntimeException e) {
            // The scheduler's reconciliation creates a missed commitment's follow-up on its next run.
            LOG.error("Could not handle {} of ticket {}: {}", event.getTopic(), ticketId, e.toString());
        }
    }

    /**
     * The promised follow-up of one resolution of a ticket, created once (see
     * {@link TicketCommitment#originKey()}); open follow-ups of the ticket's earlier resolutions
     * are cancelled.
     */
    FollowUpStore.Created fromTicket(TicketCommitment commitment) {
        return publisher.posted(store.fromTicket(commitment, settings.policy(), now()));
    }

    /** A reopened ticket's pending call-back is void: the customer is not satisfied and handling starts again. */
    List<FollowUp> cancelForReopenedTicket(String ticketId) {
        List<FollowUp> cancelled = store.cancelOpenOfTicket(ticketId, now());
        publisher.post(FollowUpEvents.CANCELLED, cancelled, FollowUpPublisher.MODULE);
        return cancelled;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static TicketCommitment commitmentOf(Event event) {
        Object reopenCount = event.getProperty(TicketEvents.REOPEN_COUNT);
        return new TicketCommitment((String) event.getProperty(TicketEvents.TICKET_ID),
                (String) event.getProperty(TicketEvents.CUSTOMER_ID),
                reopenCount instanceof Number n ? n.intValue() : 0,
                Instant.parse((String) event.getProperty(TicketEvents.FOLLOW_UP_AT)),
                (String) event.getProperty(TicketEvents.CHANNEL), (String) event.getProperty(TicketEvents.ASSIGNEE),
                (String) event.getProperty(TicketEvents.COMMITMENT_TEXT), (String) event.getProperty(TicketEvents.NUMBER));
    }
}
