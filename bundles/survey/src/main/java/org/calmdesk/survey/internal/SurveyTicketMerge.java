package org.calmdesk.survey.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.calmdesk.core.events.EventConsumer;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.ticket.api.TicketEvents;
import org.calmdesk.ticket.api.events.TicketMerged;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a ticket is merged into another, its pending survey invitations expire and those waiting to
 * be sent are dropped: the customer is asked about the ticket it was merged into, not about the
 * duplicate (see {@link InvitationStore#expireOfTicket}). From the beginning of the log, so a
 * module installed after a merge applies it too; a redelivered event finds nothing pending.
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=survey.ticket-merge",
        EventConsumer.START + "=beginning",
        EventConsumer.TOPICS + "=" + TicketEvents.MERGED })
public class SurveyTicketMerge implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(SurveyTicketMerge.class);

    private final InvitationStore invitations;
    private final Clock clock;

    @Activate
    public SurveyTicketMerge(@Reference InvitationStore invitations) {
        this(invitations, Clock.systemUTC());
    }

    SurveyTicketMerge(InvitationStore invitations, Clock clock) {
        this.invitations = invitations;
        this.clock = clock;
    }

    @Override
    public void consume(LoggedEvent event) {
        TicketMerged merged = event.as(TicketMerged.class);
        if (merged.ticketId() != null) {
            int expired = invitations.expireOfTicket(merged.ticketId(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
            if (expired > 0) {
                LOG.info("Ticket {} merged into {}: {} pending survey invitations expired", merged.number(),
                        merged.targetNumber(), expired);
            }
        }
    }
}
