package org.calmdesk.ticket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.ticket.api.Priority;
import org.calmdesk.ticket.api.TicketCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriorityRuleTest {

    private static final Set<String> VIP = Set.of("vip", "private-banking");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                   | category         | emotion        | intensity | signals                    | temperament  | negativity | segment         | priority | points
            calm question                            | OTHER            | NEUTRAL        | 0.0       |                            | UNKNOWN      | 0          |                 | P4       | 0
            mild disappointment                      | DELIVERY         | DISAPPOINTMENT | 0.4       |                            | RATIONAL     | 10         | retail          | P3       | 1
            anxious about a bill                     | BILLING          | ANXIETY        | 0.5       |                            | UNKNOWN      | 0          |                 | P3       | 2
            angry about a bill                       | BILLING          | ANGER          | 0.5       |                            | RATIONAL     | 0          |                 | P2       | 3
            angry, intense, emotional                | POLICY           | ANGER          | 0.9       |                            | EMOTIONAL    | 0          |                 | P2       | 4
            angry, intense, emotional, vip           | POLICY           | ANGER          | 0.9       |                            | EMOTIONAL    | 0          | VIP             | P1       | 5
            vip segment matched without case         | OTHER            | NEUTRAL        | 0.0       |                            | UNKNOWN      | 0          | Private-Banking | P3       | 1
            negative customer history counts         | OTHER            | NEUTRAL        | 0.0       |                            | UNREASONABLE | 75         |                 | P3       | 2
            a positive emotion is not raised         | OTHER            | SATISFIED      | 1.0       |                            | UNKNOWN      | 0          |                 | P4       | 0
            urgency and repeat contact               | DELIVERY         | DISAPPOINTMENT | 0.3       | URGENCY;REPEAT_CONTACT     | UNKNOWN      | 0          |                 | P2       | 3
            abusive, angry, staff complaint          | SERVICE_ATTITUDE | ANGER          | 0.8       | ABUSE                      | UNREASONABLE | 80         |                 | P1       | 7
            regulator threat is the emergency path   | OTHER            | NEUTRAL        | 0.0       | REGULATOR_THREAT           | RATIONAL     | 0          |                 | P1       | 0
            media threat is the emergency path       | DELIVERY         | ANXIETY        | 0.2       | MEDIA_THREAT;URGENCY       | UNKNOWN      | 0          |                 | P1       | 0
            legal threat is the emergency path       | BILLING          | ANGER          | 0.9       | LEGAL_THREAT               | UNKNOWN      | 0          |                 | P1       | 0
            """)
    void derivesThePriorityFromTheDocumentedPoints(String description, TicketCategory category, EmotionLabel emotion,
            double intensity, String signals, Temperament temperament, int negativity, String segment, Priority expected,
            int points) {
        List<String> signalList = signals == null ? List.of() : Arrays.asList(signals.split(";"));
        PriorityRule.Derived derived = PriorityRule.derive(
                new PriorityRule.Inputs(category, emotion, intensity, signalList, temperament, negativity, segment), VIP);
        assertEquals(expected, derived.priority(), description + ": " + derived.reasons());
        assertEquals(points, derived.points(), description + ": " + derived.reasons());
    }

    @Test
    void theReasonsNameEveryFactorThatCounted() {
        PriorityRule.Derived derived = PriorityRule.derive(new PriorityRule.Inputs(TicketCategory.PRODUCT_QUALITY,
                EmotionLabel.ANGER, 0.85, List.of(), Temperament.EMOTIONAL, 60, "vip"), VIP);
        assertEquals(List.of("anger +2", "intense emotion +1", "category product_quality +1", "emotional customer +1",
                "customer negativity 60 +1", "segment vip +1"), derived.reasons());
        assertEquals(Priority.P1, derived.priority());
        assertTrue(PriorityRule.derive(new PriorityRule.Inputs(TicketCategory.OTHER, EmotionLabel.NEUTRAL, 0, List.of(),
                Temperament.UNKNOWN, 59, "vip"), Set.of()).reasons().isEmpty(), "no VIP segments configured, 59 < 60");
    }
}
