package org.calmdesk.survey.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The live survey policy (PID {@code calmdesk.survey}); a value that does not parse keeps the previous policy. */
@Component(service = SurveySettings.class, configurationPid = "calmdesk.survey", immediate = true)
@Designate(ocd = SurveyConfig.class)
public class SurveySettings {

    private static final Logger LOG = LoggerFactory.getLogger(SurveySettings.class);

    private volatile SurveyPolicy policy = SurveyPolicy.defaults();

    public SurveySettings() {
    }

    SurveySettings(SurveyPolicy policy) {
        this.policy = policy;
    }

    @Activate
    @Modified
    void apply(SurveyConfig config) {
        try {
            policy = SurveyPolicy.from(config);
            LOG.info("Survey policy applied: invitations valid {}, {} unknown-token guesses/min per address, {} requests/min "
                    + "per token, heated tickets {}", policy.invitationValidity(), policy.invalidTokenGuessesPerMinute(),
                    policy.requestsPerTokenPerMinute(), policy.heatedPolicy());
        } catch (IllegalArgumentException e) {
            LOG.error("Survey configuration (calmdesk.survey) rejected, the previous policy stays in force: {}", e.getMessage());
        }
    }

    SurveyPolicy policy() {
        return policy;
    }
}
