package org.calmdesk.core.scheduling;

import org.apache.karaf.scheduler.Scheduler;
import org.apache.karaf.scheduler.SchedulerError;
import org.slf4j.Logger;

/**
 * A module's periodic job on Karaf's scheduler: never two runs at once, a new interval applied
 * live (from the module's {@code @Modified}), unscheduled when the module stops. A failing run
 * is logged and the next run tries again: one failure must not end the schedule.
 */
public final class PeriodicJob implements AutoCloseable {

    private final Scheduler scheduler;
    private final String name;
    private final Runnable work;
    private final Logger log;
    private int interval;

    /**
     * @param name a name unique in the container, e.g. {@code calmdesk-ticket-sla-check}
     * @param log  the owning component's logger
     */
    public PeriodicJob(Scheduler scheduler, String name, Runnable work, Logger log) {
        this.scheduler = scheduler;
        this.name = name;
        this.work = work;
        this.log = log;
    }

    /** Runs the job every {@code seconds} (at least 1) from now on; the same interval again changes nothing. */
    public synchronized void every(int seconds) {
        int wanted = Math.max(1, seconds);
        if (wanted == interval) {
            return;
        }
        scheduler.unschedule(name);
        try {
            scheduler.schedule((Runnable) this::runOnce, scheduler.NOW(-1, wanted).name(name).canRunConcurrently(false));
            interval = wanted;
            log.info("{} runs every {} s", name, wanted);
        } catch (SchedulerError | RuntimeException e) {
            interval = 0;
            log.error("Could not schedule {}: {}", name, e.toString());
        }
    }

    private void runOnce() {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("{} failed, the next run tries again: {}", name, e.toString());
            log.debug("{} failure", name, e);
        }
    }

    @Override
    public synchronized void close() {
        scheduler.unschedule(name);
        interval = 0;
    }
}
