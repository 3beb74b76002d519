package org.calmdesk.example.acme.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.emotion.api.Signal;
import org.junit.jupiter.api.Test;

class AcmeBankAnalyzerTest {

    @Test
    void bankingEmergenciesAreUrgentAnxiety() {
        AcmeBankAnalyzer analyzer = new AcmeBankAnalyzer();
        assertEquals(EmotionLabel.ANXIETY, analyzer.analyze("我的卡被冻结了", "zh").label());
        assertEquals(Set.of(Signal.URGENCY), analyzer.analyze("My account is FROZEN", "en").signals());
        assertEquals(64, analyzer.analyze("转账限额太低", null).negativity());
        assertEquals(EmotionLabel.NEUTRAL, analyzer.analyze("请问营业时间", "zh").label());
        assertEquals("acme-bank-1", analyzer.analyze("hello", "en").analyzer());
    }
}
