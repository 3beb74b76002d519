package org.calmdesk.survey.internal;

import org.apache.karaf.scheduler.Scheduler;
import org.apache.karaf.scheduler.SchedulerError;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the invitations the heated-ticket policy delayed, once they fall due (Karaf's scheduler). */
@Component(service = DeferredInvitationSender.class, configurationPid = "calmdesk.survey", immediate = true)
public class DeferredInvitationSender {

    private static final Logger LOG = LoggerFactory.getLogger(DeferredInvitationSender.class);
    private static final String JOB = "calmdesk-survey-deferred";

    private final JpaSurveyService surveys;
    private final Scheduler scheduler;
    private int scheduledInterval;

    @Activate
    public DeferredInvitationSender(@Reference JpaSurveyService surveys, @Reference Scheduler scheduler, SurveyConfig config) {
        this.surveys = surveys;
        this.scheduler = scheduler;
        schedule(config.checkIntervalSeconds());
    }

    @Modified
    void modified(SurveyConfig config) {
        if (config.checkIntervalSeconds() >= 1 && config.checkIntervalSeconds() != scheduledInterval) {
            scheduler.unschedule(JOB);
            schedule(config.checkIntervalSeconds());
        }
    }

    @Deactivate
    void deactivate() {
        scheduler.unschedule(JOB);
    }

    private void schedule(int seconds) {
        int interval = Math.max(1, seconds);
        try {
            scheduler.schedule((Runnable) this::run, scheduler.NOW(-1, interval).name(JOB).canRunConcurrently(false));
            scheduledInterval = interval;
        } catch (SchedulerError | RuntimeException e) {
            LOG.error("Could not schedule the delayed invitations: {}", e.toString());
        }
    }

    private void run() {
        try {
            int sent = surveys.sendDeferred(surveys.now());
            if (sent > 0) {
                LOG.info("Sent {} delayed survey invitations", sent);
            }
        } catch (RuntimeException e) {
            // The next run tries again.
            LOG.warn("Sending delayed survey invitations failed: {}", e.toString());
        }
    }
}
