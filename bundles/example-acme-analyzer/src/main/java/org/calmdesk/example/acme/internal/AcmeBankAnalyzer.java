package org.calmdesk.example.acme.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.emotion.api.EmotionAnalysis;
import org.calmdesk.emotion.api.EmotionAnalyzer;
import org.calmdesk.emotion.api.Signal;
import org.osgi.service.component.annotations.Component;

/**
 * ACME Bank's own analyzer, an example of a client-specific implementation. It registers the
 * platform's {@link EmotionAnalyzer} SPI with a service ranking above the stock analyzer's, so
 * installing this bundle makes every module that uses an analyzer switch to it at once, and
 * uninstalling it switches them back, without a restart.
 * <p>
 * Its rules are deliberately small and bank-specific: a blocked card, a frozen account or a
 * transfer limit is anxiety and urgent, whatever else the customer writes. A real client bundle
 * would wrap the client's own model or service here.
 */
@Component(service = EmotionAnalyzer.class, property = { "service.ranking:Integer=100", "analyzer.name=acme-bank-1" })
public class AcmeBankAnalyzer implements EmotionAnalyzer {

    static final String NAME = "acme-bank-1";
    private static final List<String> URGENT_BANKING = List.of("冻结", "锁卡", "限额", "blocked", "frozen", "limit");

    @Override
    public EmotionAnalysis analyze(String text, String language) {
        String lower = text.toLowerCase(Locale.ROOT);
        boolean urgent = URGENT_BANKING.stream().anyMatch(lower::contains);
        Set<Signal> signals = urgent ? EnumSet.of(Signal.URGENCY) : EnumSet.noneOf(Signal.class);
        return urgent ? new EmotionAnalysis(EmotionLabel.ANXIETY, 0.7, 64, signals, NAME)
                : new EmotionAnalysis(EmotionLabel.NEUTRAL, 0.1, 12, signals, NAME);
    }
}
