package org.calmdesk.knowledge.internal.tickets;


import org.calmdesk.knowledge.api.KnowledgeService;
import org.calmdesk.knowledge.api.ResolvedCase;
import org.calmdesk.ticket.api.TicketEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.events.EventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns from resolved tickets: {@code calmdesk/ticket/RESOLVED} with a root cause becomes a draft
 * article, or counts as a use of the published article that already covers it. Runs on the event
 * relay's thread: a failure propagates and the relay retries the event later;
 * {@link KnowledgeService#takeResolvedCase} is idempotent, so a redelivered event changes nothing.
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=knowledge.ticket-resolved-handler",
        EventConsumer.START + "=now",
        EventConsumer.TOPICS + "=" + TicketEvents.RESOLVED })
public class TicketResolvedHandler implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(TicketResolvedHandler.class);

    private final KnowledgeService knowledge;

    @Activate
    public TicketResolvedHandler(@Reference KnowledgeService knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public void consume(LoggedEvent event) {
        ResolvedCase resolved = caseOf(event);
        if (resolved.ticketId() == null) {
            LOG.warn("Ignoring a {} event without {}", event.topic(), TicketEvents.TICKET_ID);
            return;
        }
        knowledge.takeResolvedCase(resolved);
    }

    static ResolvedCase caseOf(LoggedEvent event) {
        return new ResolvedCase(event.string(TicketEvents.TICKET_ID), event.string(TicketEvents.NUMBER),
                event.string(TicketEvents.CATEGORY), event.string(TicketEvents.SUBJECT),
                event.string(TicketEvents.DESCRIPTION), event.string(TicketEvents.RESOLUTION_SUMMARY),
                event.string(TicketEvents.ROOT_CAUSE));
    }
}
