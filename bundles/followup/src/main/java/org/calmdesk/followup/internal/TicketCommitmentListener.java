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
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.events.EventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 服务承诺 -> 反馈跟进: a ticket reaching RESOLVED schedules exactly one follow-up at its
 * commitment's {@code followUpAt}; a reopened ticket's pending follow-up is cancelled. Only the
 * ticket API's topic names are used (constants), never the ticket implementation.
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=followup.ticket-commitment-listener",
        EventConsumer.START + "=now",
        EventConsumer.TOPICS + "=" + TicketEvents.RESOLVED,
        EventConsumer.TOPICS + "=" + TicketEvents.REOPENED })
public class TicketCommitmentListener implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(TicketCommitmentListener.class);

    private final FollowUpStore store;
    private final FollowUpPublisher publisher;
    private final FollowUpSettings settings;
    private final Clock clock;

    @Activate
    public TicketCommitmentListener(@Reference FollowUpStore store, @Reference FollowUpSettings settings) {
        this(store, settings, Clock.systemUTC());
    }

    TicketCommitmentListener(FollowUpStore store, FollowUpSettings settings, Clock clock) {
        this.store = store;
        this.publisher = new FollowUpPublisher(store);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void consume(LoggedEvent event) {
        String ticketId = (String) event.property(TicketEvents.TICKET_ID);
        if (ticketId == null) {
            return;
        }
        // A failure propagates: the relay retries this event (creation is once per origin key).
        if (TicketEvents.RESOLVED.equals(event.topic())) {
            FollowUpStore.Created created = fromTicket(commitmentOf(event));
            if (created.created()) {
                LOG.info("Follow-up {} scheduled for ticket {} at {}", created.followUp().id(),
                        event.property(TicketEvents.NUMBER), created.followUp().dueAt());
            }
        } else {
            cancelForReopenedTicket(ticketId);
        }
    }

    /**
     * The promised follow-up of one resolution of a ticket, created once (see
     * {@link TicketCommitment#originKey()}); open follow-ups of the ticket's earlier resolutions
     * are cancelled.
     */
    FollowUpStore.Created fromTicket(TicketCommitment commitment) {
        return publisher.created(() -> store.fromTicket(commitment, settings.policy(), now()));
    }

    /** A reopened ticket's pending call-back is void: the customer is not satisfied and handling starts again. */
    List<FollowUp> cancelForReopenedTicket(String ticketId) {
        return publisher.each(FollowUpEvents.CANCELLED, () -> store.cancelOpenOfTicket(ticketId, now()), FollowUpPublisher.MODULE);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static TicketCommitment commitmentOf(LoggedEvent event) {
        Object reopenCount = event.property(TicketEvents.REOPEN_COUNT);
        return new TicketCommitment((String) event.property(TicketEvents.TICKET_ID),
                (String) event.property(TicketEvents.CUSTOMER_ID),
                reopenCount instanceof Number n ? n.intValue() : 0,
                Instant.parse((String) event.property(TicketEvents.FOLLOW_UP_AT)),
                (String) event.property(TicketEvents.CHANNEL), (String) event.property(TicketEvents.ASSIGNEE),
                (String) event.property(TicketEvents.COMMITMENT_TEXT), (String) event.property(TicketEvents.NUMBER));
    }
}
