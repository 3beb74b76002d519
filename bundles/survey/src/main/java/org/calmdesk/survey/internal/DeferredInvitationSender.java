package org.calmdesk.survey.internal;

import org.apache.karaf.scheduler.Scheduler;
import org.calmdesk.core.scheduling.PeriodicJob;
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
    private final PeriodicJob job;

    @Activate
    public DeferredInvitationSender(@Reference JpaSurveyService surveys, @Reference Scheduler scheduler, SurveyConfig config) {
        this.surveys = surveys;
        this.job = new PeriodicJob(scheduler, JOB, this::run, LOG);
        job.every(config.checkIntervalSeconds());
    }

    @Modified
    void modified(SurveyConfig config) {
        job.every(config.checkIntervalSeconds());
    }

    @Deactivate
    void deactivate() {
        job.close();
    }

    private void run() {
        int sent = surveys.sendDeferred(surveys.now());
        if (sent > 0) {
            LOG.info("Sent {} delayed survey invitations", sent);
        }
    }
}
