package org.calmdesk.ticket.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.karaf.scheduler.Scheduler;
import org.calmdesk.core.scheduling.PeriodicJob;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.ticket.api.TicketEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
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

    private final TicketStore store;
    private final TicketSettings settings;
    private final Clock clock;
    private PeriodicJob job;

    @Activate
    public SlaMonitor(@Reference TicketStore store, @Reference TicketSettings settings,
            @Reference Scheduler scheduler, TicketConfig config) {
        this(store, settings, Clock.systemUTC());
        job = new PeriodicJob(scheduler, JOB, this::check, LOG);
        job.every(config.checkIntervalSeconds());
    }

    SlaMonitor(TicketStore store, TicketSettings settings, Clock clock) {
        this.store = store;
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
        List<String> candidates = store.escalationCandidates(now, step, BATCH);
        int escalated = 0;
        for (String id : candidates) {
            // The escalation and its event commit together: a crash between them cannot lose the event.
            Optional<TicketStore.Escalation> escalation = store.atomically(() -> {
                Optional<TicketStore.Escalation> made = store.escalate(id, now, step);
                made.ifPresent(e -> EventLog.append(TicketEventProperties.event(TicketEvents.ESCALATED, properties(e))));
                return made;
            });
            if (escalation.isPresent()) {
                escalated++;
            }
        }
        return escalated;
    }

    private static Map<String, Object> properties(TicketStore.Escalation escalation) {
        Map<String, Object> props = TicketEventProperties.of(escalation.ticket(), "sla");
        props.put(TicketEvents.BREACH, escalation.breach());
        props.put(TicketEvents.FROM, escalation.fromLevel());
        props.put(TicketEvents.TO, escalation.toLevel());
        return props;
    }
}
