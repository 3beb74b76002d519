package org.calmdesk.followup.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.karaf.scheduler.Scheduler;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.scheduling.PeriodicJob;
import org.calmdesk.followup.api.FollowUp;
import org.calmdesk.followup.api.FollowUpEvents;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketQuery;
import org.calmdesk.ticket.api.TicketService;
import org.calmdesk.ticket.api.TicketStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time-driven work, run by Karaf's scheduler every {@code checkIntervalSeconds}: pending
 * follow-ups past due become OVERDUE, reminders fire {@code reminderLead} before due, and (with
 * the ticket module installed) recently resolved tickets whose follow-up is missing get it. Every
 * step claims rows with conditional updates or unique keys, so nodes sharing one database each do
 * a row's work once between them.
 */
@Component(service = FollowUpScheduler.class, configurationPid = "calmdesk.followup", immediate = true)
public class FollowUpScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpScheduler.class);
    private static final String JOB = "calmdesk-followup-check";
    private static final int RECONCILE_BATCH = 200;

    private final FollowUpStore store;
    private final FollowUpPublisher publisher;
    private final FollowUpSettings settings;
    private final Clock clock;
    private PeriodicJob job;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TicketService tickets;

    @Activate
    public FollowUpScheduler(@Reference FollowUpStore store, @Reference FollowUpSettings settings, @Reference Scheduler scheduler, FollowUpConfig config) {
        this(store, settings, Clock.systemUTC());
        job = new PeriodicJob(scheduler, JOB, this::sweep, LOG);
        job.every(config.checkIntervalSeconds());
    }

    FollowUpScheduler(FollowUpStore store, FollowUpSettings settings, Clock clock) {
        this.store = store;
        this.publisher = new FollowUpPublisher(store);
        this.settings = settings;
        this.clock = clock;
    }

    @Modified
    void modified(FollowUpConfig config) {
        job.every(config.checkIntervalSeconds());
    }

    @Deactivate
    void deactivate() {
        job.close();
    }

    void sweep() {
        FollowUpPolicy policy = settings.policy();
        List<FollowUp> overdue = markOverdue(now());
        List<FollowUp> reminded = remind(now(), policy.reminderLead());
        int reconciled = policy.reconcileTickets() ? reconcile() : 0;
        if (!overdue.isEmpty() || !reminded.isEmpty() || reconciled > 0) {
            LOG.info("Follow-up check: {} overdue, {} reminders, {} from resolved tickets", overdue.size(), reminded.size(),
                    reconciled);
        }
    }

    /** PENDING past due becomes OVERDUE; returns the follow-ups this node claimed (each is claimed once). */
    List<FollowUp> markOverdue(Instant now) {
        return publisher.each(FollowUpEvents.OVERDUE, () -> store.claimOverdue(now), FollowUpPublisher.MODULE);
    }

    /** PENDING follow-ups due within {@code lead}, not yet reminded; returns those this node claimed. */
    List<FollowUp> remind(Instant now, Duration lead) {
        return publisher.each(FollowUpEvents.REMINDER, () -> store.claimReminders(now, lead), FollowUpPublisher.MODULE);
    }

    /** Resolved tickets whose follow-up is missing (the event was missed) get it now. */
    int reconcile() {
        TicketService ticketService = tickets;
        if (ticketService == null) {
            return 0;
        }
        List<Ticket> resolved = ticketService.list(new TicketQuery(TicketStatus.RESOLVED, null, null, null, null, null, null),
                PageRequest.first(RECONCILE_BATCH)).items().stream()
                .filter(t -> t.commitment() != null && t.commitment().followUpAt() != null).toList();
        FollowUpPolicy policy = settings.policy();
        Instant now = now();
        var existing = store.existingOrigins(resolved.stream().map(t -> "ticket:" + t.id() + ":" + t.reopenCount()).toList());
        int created = 0;
        for (Ticket t : resolved) {
            if (!existing.contains("ticket:" + t.id() + ":" + t.reopenCount())) {
                created += publisher.created(() -> store.fromTicket(new TicketCommitment(t.id(), t.customerId(), t.reopenCount(),
                        t.commitment().followUpAt(), t.channel().name(), t.assignee(), t.commitment().text(), t.number()),
                        policy, now)).created() ? 1 : 0;
            }
        }
        return created;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
