package org.calmdesk.followup.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.calmdesk.core.events.EventConsumer;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.followup.api.FollowUp;
import org.calmdesk.followup.api.events.FollowUpCancelled;
import org.calmdesk.ticket.api.TicketEvents;
import org.calmdesk.ticket.api.events.TicketMerged;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a ticket is merged into another, its open follow-ups (of its resolutions, call-backs and
 * agents' own) are cancelled, each with a CANCELLED event in the same transaction: the duplicate is
 * closed and the customer is followed up on the ticket it was merged into. From the beginning of
 * the log, so a module installed after a merge applies it too; a redelivered event finds nothing
 * open and changes nothing.
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=followup.ticket-merge",
        EventConsumer.START + "=beginning",
        EventConsumer.TOPICS + "=" + TicketEvents.MERGED })
public class FollowUpTicketMerge implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpTicketMerge.class);

    private final FollowUpStore store;
    private final FollowUpPublisher publisher;
    private final Clock clock;

    @Activate
    public FollowUpTicketMerge(@Reference FollowUpStore store) {
        this(store, Clock.systemUTC());
    }

    FollowUpTicketMerge(FollowUpStore store, Clock clock) {
        this.store = store;
        this.publisher = new FollowUpPublisher(store);
        this.clock = clock;
    }

    @Override
    public void consume(LoggedEvent event) {
        TicketMerged merged = event.as(TicketMerged.class);
        if (merged.ticketId() == null) {
            return;
        }
        List<FollowUp> cancelled = publisher.each(FollowUpCancelled::new,
                () -> store.cancelAllOpenOfTicket(merged.ticketId(), clock.instant().truncatedTo(ChronoUnit.MILLIS)),
                merged.actor() != null ? merged.actor() : FollowUpPublisher.MODULE);
        if (!cancelled.isEmpty()) {
            LOG.info("Ticket {} merged into {}: {} open follow-ups cancelled", merged.number(), merged.targetNumber(),
                    cancelled.size());
        }
    }
}
