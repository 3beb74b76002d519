package org.calmdesk.ticket.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.apache.karaf.scheduler.Scheduler;
import org.calmdesk.core.scheduling.PeriodicJob;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals the ticket statistics' day roll-ups ({@link StatsDays}) when the module starts and every
 * {@value #INTERVAL_SECONDS} s after: a day is sealed {@link StatsDays#SEAL_AFTER} after it ends. The
 * first run after an upgrade or a bulk load seals the whole history (a month per transaction);
 * until then the statistics read those days from the rows.
 */
@Component(service = {})
public class StatsDaysSealer {

    private static final Logger LOG = LoggerFactory.getLogger(StatsDaysSealer.class);
    static final String JOB = "calmdesk-ticket-stats-days";
    static final int INTERVAL_SECONDS = 600;

    private final TicketStore tickets;
    private final Clock clock;
    private final PeriodicJob job;

    @Activate
    public StatsDaysSealer(@Reference TicketStore tickets, @Reference Scheduler scheduler) {
        this.tickets = tickets;
        this.clock = Clock.systemUTC();
        this.job = new PeriodicJob(scheduler, JOB, this::run, LOG);
        job.every(INTERVAL_SECONDS);
    }

    @Deactivate
    void deactivate() {
        job.close();
    }

    private void run() {
        long started = System.nanoTime();
        int days = tickets.sealStatsDays(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (days > 0) {
            LOG.info("Ticket statistics days sealed: {}, in {} ms", days, (System.nanoTime() - started) / 1_000_000);
        }
    }
}
