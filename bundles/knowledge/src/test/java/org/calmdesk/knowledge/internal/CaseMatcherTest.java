package org.calmdesk.knowledge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CaseMatcherTest {

    @Test
    void coverageIsTheShareOfCaseTermsTheArticleContains() {
        assertEquals(0.75, CaseMatcher.coverage(List.of("a", "b", "c", "d"), List.of("a", "b", "c", "x", "y")));
        assertEquals(1.0, CaseMatcher.coverage(List.of("a", "b", "a"), List.of("a", "b")));
        assertEquals(0.0, CaseMatcher.coverage(List.of("a", "b"), List.of("x")));
    }

    @Test
    void aCaseOfOneWordSaysTooLittle() {
        assertEquals(0.0, CaseMatcher.coverage(List.of("a"), List.of("a")));
        assertEquals(0.0, CaseMatcher.coverage(List.of(), List.of("a")));
    }
}
