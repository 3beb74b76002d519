package org.calmdesk.emotion.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live policy (PID {@code calmdesk.emotion}). A change applies at once; a value that does not
 * parse is logged and the previous policy stays in force.
 */
@Component(service = EmotionSettings.class, configurationPid = "calmdesk.emotion", immediate = true)
@Designate(ocd = EmotionConfig.class)
public class EmotionSettings {

    private static final Logger LOG = LoggerFactory.getLogger(EmotionSettings.class);

    private volatile EmotionPolicy policy = EmotionPolicy.defaults();

    public EmotionSettings() {
    }

    EmotionSettings(EmotionPolicy policy) {
        this.policy = policy;
    }

    @Activate
    @Modified
    void apply(EmotionConfig config) {
        try {
            policy = EmotionPolicy.from(config);
            LOG.info("Emotion policy applied: hostile at negativity {}, threshold {} per day ({}), assignment {}",
                    policy.hostileNegativity(), policy.exposureThreshold(), policy.zone(),
                    policy.assignmentEnabled() ? "on for " + policy.agents().size() + " agents" : "off");
        } catch (IllegalArgumentException e) {
            LOG.error("Emotion configuration (calmdesk.emotion) rejected, the previous policy stays in force: {}", e.getMessage());
        }
    }

    EmotionPolicy policy() {
        return policy;
    }
}
