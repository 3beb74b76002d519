package org.calmdesk.survey.internal;

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
 * Seals the survey report's day roll-ups ({@link ReportDays}) when the module starts and every
 * {@value #INTERVAL_SECONDS} s after: a day is sealed a little over {@link ReportDays#SETTLE} after
 * it ends. The first run after an upgrade or a bulk load seals the whole history (some seconds for
 * three years of a million answers); until then the report reads those days from the rows.
 */
@Component(service = {})
public class ReportDaysSealer {

    private static final Logger LOG = LoggerFactory.getLogger(ReportDaysSealer.class);
    static final String JOB = "calmdesk-survey-report-days";
    static final int INTERVAL_SECONDS = 600;

    private final SurveyStore surveys;
    private final Clock clock;
    private final PeriodicJob job;

    @Activate
    public ReportDaysSealer(@Reference SurveyStore surveys, @Reference Scheduler scheduler) {
        this.surveys = surveys;
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
        SurveyStore.Sealed sealed = surveys.sealReportDays(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (sealed.answerDays() > 0 || sealed.invitationDays() > 0) {
            LOG.info("Survey report days sealed: {} of answers, {} of invitations, in {} ms", sealed.answerDays(),
                    sealed.invitationDays(), (System.nanoTime() - started) / 1_000_000);
        }
    }
}
