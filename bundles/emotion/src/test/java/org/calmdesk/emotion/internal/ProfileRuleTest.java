package org.calmdesk.emotion.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.emotion.internal.ProfileRule.Evidence;
import org.calmdesk.emotion.internal.ProfileRule.Kind;
import org.junit.jupiter.api.Test;

class ProfileRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(90);
    private static final Duration HALF_LIFE = Duration.ofDays(30);
    private static int ids;

    private static Evidence heated(int daysAgo) {
        return new Evidence(Kind.TICKET, "t" + ids++, NOW.minus(Duration.ofDays(daysAgo)), EmotionLabel.ANGER, 0.8, 85, Set.of(), 3,
                false, 40);
    }

    private static Evidence measured(int daysAgo) {
        return new Evidence(Kind.INTERACTION, "i" + ids++, NOW.minus(Duration.ofDays(daysAgo)), EmotionLabel.DISAPPOINTMENT, 0.3,
                45, Set.of(), 0, false, 200);
    }

    private static Evidence with(Evidence e, String... signals) {
        return new Evidence(e.kind(), e.refId(), e.at(), e.label(), e.intensity(), e.negativity(), Set.of(signals),
                e.exclamations(), e.shouting(), e.detailLength());
    }

    private static ProfileRule.Profile infer(List<Evidence> evidence) {
        return ProfileRule.infer(evidence, NOW, WINDOW, HALF_LIFE);
    }

    @Test
    void noContactsGiveZeroAndUnknown() {
        ProfileRule.Profile profile = infer(List.of());
        assertEquals(0, profile.negativity());
        assertEquals(Temperament.UNKNOWN, profile.temperament());
        assertEquals("0:", profile.fingerprint());
    }

    @Test
    void oneContactIsNotATemperamentUnlessItWasAbusive() {
        assertEquals(Temperament.UNKNOWN, infer(List.of(heated(1))).temperament());
        assertEquals(Temperament.UNREASONABLE, infer(List.of(with(heated(1), "ABUSE"))).temperament());
    }

    @Test
    void heatedContactsMakeAnEmotionalCustomerAndDetailedCalmOnesARationalOne() {
        assertEquals(Temperament.EMOTIONAL, infer(List.of(heated(1), heated(3))).temperament());
        assertEquals(Temperament.EMOTIONAL, infer(List.of(heated(1), heated(3), measured(5))).temperament());
        assertEquals(Temperament.RATIONAL, infer(List.of(measured(1), measured(3))).temperament());
        assertEquals(Temperament.RATIONAL, infer(List.of(measured(1), measured(3), heated(5))).temperament());
        assertEquals(Temperament.UNKNOWN, infer(List.of(measured(1), heated(3))).temperament(), "no clear pattern");
        Evidence shortCalm = new Evidence(Kind.TICKET, "s" + ids++, NOW, EmotionLabel.NEUTRAL, 0, 25, Set.of(), 0, false, 20);
        assertEquals(Temperament.UNKNOWN, infer(List.of(shortCalm, shortCalm)).temperament(), "short is not detailed");
        Evidence shouted = new Evidence(Kind.TICKET, "c" + ids++, NOW, EmotionLabel.DISAPPOINTMENT, 0.3, 50, Set.of(), 0, true, 40);
        assertTrue(shouted.heated(), "ALL CAPS is heated whatever the intensity");
    }

    @Test
    void abuseRepeatedThreatsOrReopeningsMakeAnUnreasonableCustomer() {
        assertEquals(Temperament.UNREASONABLE, infer(List.of(measured(1), measured(2), with(measured(3), "ABUSE"))).temperament());
        assertEquals(Temperament.UNREASONABLE,
                infer(List.of(with(measured(1), "REGULATOR_THREAT"), with(heated(2), "MEDIA_THREAT"))).temperament());
        assertEquals(Temperament.RATIONAL, infer(List.of(with(measured(1), "LEGAL_THREAT"), measured(2))).temperament(),
                "one threat is not enough");
        Evidence reopen1 = new Evidence(Kind.REOPEN, "r1", NOW, EmotionLabel.DISAPPOINTMENT, 0.6, 70, Set.of(), 0, false, 0);
        Evidence reopen2 = new Evidence(Kind.REOPEN, "r2", NOW, EmotionLabel.DISAPPOINTMENT, 0.6, 70, Set.of(), 0, false, 0);
        assertEquals(Temperament.UNREASONABLE, infer(List.of(measured(1), reopen1, reopen2)).temperament());
    }

    @Test
    void negativityIsARecencyWeightedMeanOverTheWindow() {
        Evidence recent = new Evidence(Kind.TICKET, "a", NOW, EmotionLabel.ANGER, 0.8, 90, Set.of(), 0, false, 10);
        Evidence old = new Evidence(Kind.TICKET, "b", NOW.minus(Duration.ofDays(30)), EmotionLabel.SATISFIED, 0.8, 10, Set.of(), 0,
                false, 10);
        // weights 1 and 0.5: (90 + 5) / 1.5 = 63
        assertEquals(63, infer(List.of(recent, old)).negativity());
        Evidence outside = new Evidence(Kind.TICKET, "c", NOW.minus(Duration.ofDays(91)), EmotionLabel.ANGER, 1, 100, Set.of(),
                9, false, 10);
        assertEquals(90, infer(List.of(recent, outside)).negativity(), "evidence outside the window does not count");
        assertEquals(Temperament.UNKNOWN, infer(List.of(with(outside, "ABUSE"), measured(1))).temperament());
    }

    @Test
    void theFingerprintChangesWithEveryNewContact() {
        List<Evidence> evidence = new ArrayList<>(List.of(measured(2)));
        String before = infer(evidence).fingerprint();
        assertEquals(before, infer(evidence).fingerprint());
        evidence.add(measured(1));
        assertNotEquals(before, infer(evidence).fingerprint());
    }

    @Test
    void detailCountsHanCharactersThreeTimes() {
        assertEquals(12, ProfileRule.detailLength("转账限额"));
        assertEquals(5, ProfileRule.detailLength("hello"));
        assertEquals(0, ProfileRule.detailLength(null));
    }
}
