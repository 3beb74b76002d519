package org.calmdesk.followup.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The live follow-up policy (PID {@code calmdesk.followup}); a value that does not parse keeps the previous policy. */
@Component(service = FollowUpSettings.class, configurationPid = "calmdesk.followup", immediate = true)
@Designate(ocd = FollowUpConfig.class)
public class FollowUpSettings {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpSettings.class);

    private volatile FollowUpPolicy policy = FollowUpPolicy.defaults();

    public FollowUpSettings() {
    }

    FollowUpSettings(FollowUpPolicy policy) {
        this.policy = policy;
    }

    @Activate
    @Modified
    void apply(FollowUpConfig config) {
        try {
            policy = FollowUpPolicy.from(config);
            LOG.info("Follow-up policy applied: check every {} s, reminders {} ahead", policy.checkIntervalSeconds(),
                    policy.reminderLead());
        } catch (IllegalArgumentException e) {
            LOG.error("Follow-up configuration (calmdesk.followup) rejected, the previous policy stays in force: {}", e.getMessage());
        }
    }

    FollowUpPolicy policy() {
        return policy;
    }
}
