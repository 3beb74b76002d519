package org.calmdesk.customer.internal;

import org.apache.karaf.scheduler.Scheduler;
import org.calmdesk.core.scheduling.PeriodicJob;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives customers stored before {@code name_sound} existed their {@link NameSound} (a migration
 * cannot: the pinyin comes from ICU), a few thousand rows per run so the database keeps serving,
 * and unschedules itself once none is left. New and changed customers get theirs when written.
 * Several nodes may run it at once: each row is set once, to the same value.
 */
@Component(service = {})
public class NameSoundBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(NameSoundBackfill.class);
    static final String JOB = "calmdesk-customer-name-sound-backfill";
    static final int BATCH = 500;
    static final int BATCHES_PER_RUN = 40;

    private final CustomerStore store;
    private final PeriodicJob job;
    private long filledSoFar;
    /** The last id filled: rows are filled in id order, and customers written since have theirs. */
    private String filledUpTo = "";

    @Activate
    public NameSoundBackfill(@Reference CustomerStore store, @Reference Scheduler scheduler) {
        this.store = store;
        this.job = new PeriodicJob(scheduler, JOB, this::run, LOG);
        job.every(2);
    }

    @Deactivate
    void deactivate() {
        job.close();
    }

    /** One run: true when every customer has its sound key. */
    boolean fill() {
        for (int i = 0; i < BATCHES_PER_RUN; i++) {
            CustomerStore.Filled filled = store.fillNameSounds(filledUpTo, BATCH);
            filledSoFar += filled.count();
            filledUpTo = filled.lastId();
            if (filled.count() < BATCH) {
                return true;
            }
        }
        return false;
    }

    private void run() {
        if (fill()) {
            if (filledSoFar > 0) {
                LOG.info("Every customer has its name's pinyin now ({} filled)", filledSoFar);
            }
            job.close();
        }
    }
}
