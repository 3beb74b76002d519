package org.calmdesk.ticket.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;

import org.apache.karaf.scheduler.Scheduler;
import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.core.scheduling.PeriodicJob;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background SLA check, run by Karaf's scheduler every {@code checkIntervalSeconds}: an
 * overdue ticket is marked breached and its escalation level rises by one, then by one more each
 * {@code escalationStep} (up to 3), each rise posting {@code calmdesk/ticket/ESCALATED}.
 * <p>
 * Safe with several Calmdesk nodes on one database: each candidate is re-checked under a row lock
 * in its own transaction, so a node that waited for another's lock sees the raised level and the
 * new escalation time, and does nothing.
 */
@Component(service = SlaMonitor.class, configurationPid = "calmdesk.ticket", immediate = true)
public class SlaMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(SlaMonitor.class);
    private static final String JOB = "calmdesk-ticket-sla-check";
    private static final int BATCH = 200;

    private final Transactions tx;
    private final EventAdmin events;
    private final TicketSettings settings;
    private final Clock clock;
    private PeriodicJob job;

    @Activate
    public SlaMonitor(@Reference(target = "(osgi.unit.name=calmdesk.ticket)") EntityManagerFactory emf,
            @Reference EventAdmin events, @Reference TicketSettings settings, @Reference Scheduler scheduler,
            TicketConfig config) {
        this(emf, events, settings, Clock.systemUTC());
        job = new PeriodicJob(scheduler, JOB, this::check, LOG);
        job.every(config.checkIntervalSeconds());
    }

    SlaMonitor(EntityManagerFactory emf, EventAdmin events, TicketSettings settings, Clock clock) {
        this.tx = new Transactions(emf);
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    @Modified
    void modified(TicketConfig config) {
        job.every(config.checkIntervalSeconds());
    }

    @Deactivate
    void deactivate() {
        job.close();
    }

    /** One pass; returns how many escalations this node made. */
    int check() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Duration step = settings.policy().escalationStep();
        List<String> candidates = tx.read(em -> em.createQuery("SELECT t.id FROM TicketEntity t WHERE t.escalationLevel < 3"
                + " AND t.status NOT IN :done AND t.waitingSince IS NULL"
                + " AND ((t.firstRespondedAt IS NULL AND t.firstResponseDue < :now) OR t.resolutionDue < :now)"
                + " AND (t.escalatedAt IS NULL OR t.escalatedAt <= :stepAgo) ORDER BY t.id", String.class)
                .setParameter("done", TicketEntity.DONE).setParameter("now", now)
                .setParameter("stepAgo", now.minus(step)).setMaxResults(BATCH).getResultList());
        int escalated = 0;
        for (String id : candidates) {
            Map<String, Object> event = escalate(id, now, step);
            if (event != null) {
                escalated++;
                events.postEvent(new Event(TicketEvents.ESCALATED, event));
            }
        }
        return escalated;
    }

    private Map<String, Object> escalate(String id, Instant now, Duration step) {
        return tx.inTransaction(em -> {
            TicketEntity ticket = em.find(TicketEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (ticket == null || !ticket.escalationDue(now, step)) {
                return null;
            }
            String breach = ticket.overdueTarget(now);
            int from = ticket.escalationLevel();
            ticket.escalate(now);
            JpaTicketService.record(em, ticket, now, "sla", "ESCALATED", String.valueOf(from),
                    String.valueOf(ticket.escalationLevel()), breach + " target missed");
            em.flush();
            Ticket dto = ticket.toDto(now);
            Map<String, Object> props = JpaTicketService.properties(dto, "sla");
            props.put(TicketEvents.BREACH, breach);
            props.put(TicketEvents.FROM, from);
            props.put(TicketEvents.TO, ticket.escalationLevel());
            return props;
        });
    }
}
