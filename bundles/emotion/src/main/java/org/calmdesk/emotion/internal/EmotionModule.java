package org.calmdesk.emotion.internal;

import java.time.LocalDate;

import org.calmdesk.emotion.api.EmotionAnalyzer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** What the module's REST resources and console commands need, in one internal service. */
@Component(service = EmotionModule.class)
public class EmotionModule {

    private final EmotionSettings settings;
    private final ExposureStore exposure;
    private final DefaultEmotionAnalyzer analyzer;

    /** The highest-ranked analyzer: a client's own when one runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EmotionAnalyzer current;

    @Activate
    public EmotionModule(@Reference EmotionSettings settings, @Reference ExposureStore exposure,
            @Reference DefaultEmotionAnalyzer analyzer) {
        this.settings = settings;
        this.exposure = exposure;
        this.analyzer = analyzer;
    }

    public int maxTextLength() {
        return settings.policy().maxTextLength();
    }

    public ExposureReport exposure(LocalDate day) {
        return exposure.report(day, settings.policy());
    }

    public LocalDate today() {
        return LocalDate.ofInstant(exposure.now(), settings.policy().zone());
    }

    /** The analyzer to use now: the highest-ranked one, else the default. */
    public EmotionAnalyzer analyzer() {
        EmotionAnalyzer top = current;
        return top == null ? analyzer : top;
    }
}
