package org.calmdesk.customer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.DuplicateCandidate;
import org.calmdesk.customer.api.Temperament;
import org.junit.jupiter.api.Test;

class DuplicateScoringTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static Customer customer(String id, String name, String email, String phone) {
        return new Customer(id, null, name, email, phone, null, null, Temperament.UNKNOWN, 0, List.of(), null, false, T, T, 1);
    }

    @Test
    void eachSharedKeyAddsItsPointsAndNamesItsReason() {
        Customer wang = customer("a", "王芳", "wang.fang@example.cn", "138 0013 8000");
        DuplicateCandidate all = DuplicateScoring.score(wang, customer("b", "王 芳", "Wang.Fang+complaints@example.cn", "+86 13800138000"));
        assertEquals(1.0, all.score(), "capped at 1");
        assertEquals(List.of("same-phone", "same-email", "same-name"), all.reasons());

        DuplicateCandidate phone = DuplicateScoring.score(wang, customer("c", "Fang W.", null, "0086-138-0013-8000"));
        assertEquals(0.5, phone.score());
        assertEquals(List.of("same-phone"), phone.reasons());

        DuplicateCandidate email = DuplicateScoring.score(wang, customer("d", "Other", "WANG.FANG@example.cn", null));
        assertEquals(0.45, email.score());
        assertEquals(List.of("same-email"), email.reasons());

        assertNull(DuplicateScoring.score(wang, customer("e", "李雷", "li@example.cn", "13900139000")));
    }

    /** The points a name match gives, 0 when the names do not match. */
    private static double nameScore(String a, String b) {
        DuplicateScoring.NameMatch match = DuplicateScoring.nameMatch(a, b);
        return match == null ? 0 : match.score();
    }

    @Test
    void namesScoreSameThenSameCharactersOrSoundThenContained() {
        assertEquals(0.3, nameScore("Li Lei", "li-lei"));
        assertEquals(0.2, nameScore("Li Lei", "Lei Li"));
        assertEquals(0.2, nameScore("王芳", "芳王"));
        assertEquals(0.15, nameScore("王芳", "王芳芳"));
        assertEquals(0.0, nameScore("王", "王芳"), "one character says too little");
        assertEquals(0.0, nameScore("王芳", "李雷"));
        assertEquals(List.of("similar-name"),
                DuplicateScoring.score(customer("a", "Lei Li", null, null), customer("b", "Li Lei", null, null)).reasons());
    }

    @Test
    void aNameWrittenWithOtherCharactersOfTheSameSoundOrInPinyinIsTheSamePinyin() {
        assertEquals(new DuplicateScoring.NameMatch(0.2, "same-pinyin"), DuplicateScoring.nameMatch("张伟", "章伟"));
        assertEquals(new DuplicateScoring.NameMatch(0.2, "same-pinyin"), DuplicateScoring.nameMatch("王芳", "Wang Fang"));
        assertEquals(new DuplicateScoring.NameMatch(0.2, "same-pinyin"), DuplicateScoring.nameMatch("陈晨", "chen-chen"));
        assertEquals(0.0, nameScore("陈晨", "程晨"), "chen and cheng are other sounds");
        assertEquals(List.of("same-phone", "same-pinyin"), DuplicateScoring.score(customer("a", "张伟", null, "13800138000"),
                customer("b", "章 伟", null, "+86 138 0013 8000")).reasons());
    }

    @Test
    void aNameSoundsAsItsPinyinWithoutTonesSpacesOrPunctuation() {
        assertEquals("zhangwei", NameSound.of("张伟"));
        assertEquals("zhangwei", NameSound.of("Zhang Wei"));
        assertEquals("ouyangnana", NameSound.of("欧阳·娜娜"));
        assertEquals("lubu", NameSound.of("吕布"));
        assertEquals("zoe", NameSound.of("Zoë"));
        assertNull(NameSound.of(" - "));
        assertNull(NameSound.of(null));
    }

    @Test
    void rankingPutsTheStrongestFirstAndLeavesOutItselfErasedAndMergedOnes() {
        Customer me = customer("me", "王芳", "wang@example.cn", "13800138000");
        Customer nameOnly = customer("n", "王芳", null, null);
        Customer phoneAndName = customer("p", "王 芳", null, "+86 138 0013 8000");
        Customer emailOnly = customer("e", "Fang", "WANG@example.cn", null);
        Customer erased = new Customer("x", null, "王芳", null, "13800138000", null, null, Temperament.UNKNOWN, 0, List.of(), null,
                true, T, T, 1);
        Customer merged = new Customer("m", null, "王芳", null, "13800138000", null, null, Temperament.UNKNOWN, 0, List.of(), null,
                false, "p", T, T, 1);
        List<DuplicateCandidate> ranked = DuplicateScoring.rank(me,
                List.of(nameOnly, me, emailOnly, phoneAndName, erased, merged, phoneAndName), 10);
        assertEquals(List.of("p", "e", "n"), ranked.stream().map(c -> c.customer().id()).toList());
        assertEquals(0.8, ranked.get(0).score());
        assertEquals(List.of("p"), DuplicateScoring.rank(me, List.of(nameOnly, phoneAndName), 1).stream()
                .map(c -> c.customer().id()).toList());
    }
}
