package org.calmdesk.survey.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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

    private final InvitationStore invitations;
    private final SurveyPublisher publisher;
    private final SurveySettings settings;
    private final Clock clock;
    private PeriodicJob job;

    @Activate
    public DeferredInvitationSender(@Reference InvitationStore invitations, @Reference SurveySettings settings, @Reference Scheduler scheduler, SurveyConfig config) {
        this(invitations, settings, Clock.systemUTC());
        this.job = new PeriodicJob(scheduler, JOB, this::run, LOG);
        job.every(config.checkIntervalSeconds());
    }

    DeferredInvitationSender(InvitationStore invitations, SurveySettings settings, Clock clock) {
        this.invitations = invitations;
        this.publisher = new SurveyPublisher();
        this.settings = settings;
        this.clock = clock;
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
        int sent = sendDeferred(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (sent > 0) {
            LOG.info("Sent {} delayed survey invitations", sent);
        }
    }

    /** Sends delayed invitations that fell due; each claimed by one node with a conditional update. */
    int sendDeferred(Instant now) {
        Instant expires = settings.policy().invitationExpiry(now);
        // The claim, the invitations and their events commit together: a crash cannot drop a claimed invitation.
        return invitations.atomically(() -> {
            int sent = 0;
            for (InvitationStore.NewInvitation due : invitations.claimDeferred(now)) {
                var created = invitations.insertOnce(due, now, expires);
                created.ifPresent(publisher::invited);
                sent += created.isPresent() ? 1 : 0;
            }
            return sent;
        });
    }
}
