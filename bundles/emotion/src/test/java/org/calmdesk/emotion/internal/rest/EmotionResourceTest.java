package org.calmdesk.emotion.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;

import org.calmdesk.core.error.ValidationException;
import org.calmdesk.emotion.api.EmotionAnalyzer;
import org.junit.jupiter.api.Test;

class EmotionResourceTest {

    private final List<String> seen = new java.util.ArrayList<>();
    private final EmotionAnalyzer analyzer = (text, language) -> {
        seen.add(language);
        return new org.calmdesk.emotion.api.EmotionAnalysis(org.calmdesk.core.EmotionLabel.ANGER, 0.5, 80,
                java.util.Set.of(org.calmdesk.emotion.api.Signal.URGENCY, org.calmdesk.emotion.api.Signal.ABUSE), "test");
    };
    private final EmotionResource resource = new EmotionResource(() -> analyzer, () -> 20);

    @Test
    void blankMissingOrOversizedTextIsA400NamingTheField() {
        for (EmotionResource.AnalyzeRequest bad : new EmotionResource.AnalyzeRequest[] { null,
                new EmotionResource.AnalyzeRequest(null, null), new EmotionResource.AnalyzeRequest("  \n ", null),
                new EmotionResource.AnalyzeRequest("x".repeat(21), null) }) {
            ValidationException e = assertThrows(ValidationException.class, () -> resource.analyze(bad));
            assertEquals("text", e.errors().get(0).field());
        }
        ValidationException e = assertThrows(ValidationException.class,
                () -> resource.analyze(new EmotionResource.AnalyzeRequest("hello", "fr")));
        assertEquals("language", e.errors().get(0).field());
        assertEquals(List.of(), seen, "bad input reaches no analyzer");
    }

    @Test
    void theLanguageIsNormalisedOrDetectedAndSignalsAreSorted() {
        EmotionResource.AnalyzeResponse r = resource.analyze(new EmotionResource.AnalyzeRequest("x".repeat(20), "zh-CN"));
        assertEquals(List.of("ABUSE", "URGENCY"), r.signals());
        assertEquals("test", r.analyzer());
        resource.analyze(new EmotionResource.AnalyzeRequest("我要投诉", null));
        resource.analyze(new EmotionResource.AnalyzeRequest("I want to complain", null));
        assertEquals(List.of("zh", "zh", "en"), seen);
    }

    @Test
    void theExposureDateIsAnIsoDateOrToday() {
        LocalDate today = LocalDate.parse("2026-11-27");
        assertEquals(today, AgentResource.date(null, today));
        assertEquals(LocalDate.parse("2026-11-01"), AgentResource.date("2026-11-01", today));
        assertEquals("date", assertThrows(ValidationException.class, () -> AgentResource.date("yesterday", today))
                .errors().get(0).field());
    }
}
