package org.calmdesk.knowledge.internal.tickets;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.calmdesk.knowledge.api.KnowledgeService;
import org.calmdesk.knowledge.api.ResolvedCase;
import org.calmdesk.ticket.api.TicketEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns from resolved tickets: {@code calmdesk/ticket/RESOLVED} with a root cause becomes a draft
 * article, or counts as a use of the published article that already covers it. The work runs on
 * this component's own thread so a slow database never gets the handler blacklisted by EventAdmin;
 * {@link KnowledgeService#takeResolvedCase} is idempotent, so a redelivered event changes nothing.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + TicketEvents.RESOLVED)
public class TicketResolvedHandler implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TicketResolvedHandler.class);
    private static final int QUEUE = 10_000;

    private final KnowledgeService knowledge;
    private final ThreadPoolExecutor worker;

    @Activate
    public TicketResolvedHandler(@Reference KnowledgeService knowledge) {
        this.knowledge = knowledge;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread thread = new Thread(r, "calmdesk-knowledge-intake");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void handleEvent(Event event) {
        ResolvedCase resolved = caseOf(event);
        if (resolved.ticketId() == null) {
            LOG.warn("Ignoring a {} event without {}", event.getTopic(), TicketEvents.TICKET_ID);
            return;
        }
        try {
            worker.execute(() -> take(resolved));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("Problem-library intake queue full or stopped; ticket {} not taken in", resolved.ticketId());
        }
    }

    private void take(ResolvedCase resolved) {
        try {
            knowledge.takeResolvedCase(resolved);
        } catch (RuntimeException e) {
            LOG.warn("Resolved ticket {} not taken into the problem library: {}", resolved.ticketId(), e.toString());
            LOG.debug("Intake failure", e);
        }
    }

    static ResolvedCase caseOf(Event event) {
        return new ResolvedCase(string(event, TicketEvents.TICKET_ID), string(event, TicketEvents.NUMBER),
                string(event, TicketEvents.CATEGORY), string(event, TicketEvents.SUBJECT),
                string(event, TicketEvents.DESCRIPTION), string(event, TicketEvents.RESOLUTION_SUMMARY),
                string(event, TicketEvents.ROOT_CAUSE));
    }

    private static String string(Event event, String property) {
        Object value = event.getProperty(property);
        return value == null ? null : value.toString();
    }

    @Deactivate
    public void deactivate() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Problem-library intake still busy at stop; {} queued case(s) dropped", worker.shutdownNow().size());
        }
    }
}
