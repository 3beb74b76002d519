package org.calmdesk.knowledge.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnalyzersTest {

    private static Analyzers analyzers;

    @BeforeAll
    static void open() {
        analyzers = new Analyzers();
    }

    @AfterAll
    static void close() {
        analyzers.close();
    }

    private static List<String> zh(String text) {
        return Analyzers.terms(analyzers.forLanguage("zh"), text, 100);
    }

    private static List<String> en(String text) {
        return Analyzers.terms(analyzers.forLanguage("en"), text, 100);
    }

    @Test
    void chineseWithoutSpacesIsSegmentedIntoWords() {
        // 征信 is not in the segmenter's dictionary: it comes out as two characters on both the
        // index and the query side, and the bigram field matches it as a word.
        assertEquals(List.of("信用卡", "逾期", "影响", "征", "信"), zh("信用卡逾期影响征信"));
        assertTrue(Analyzers.terms(analyzers.bigrams(), "信用卡逾期影响征信", 100).contains("征信"));
        List<String> question = zh("信用卡逾期怎么办？");
        assertTrue(question.containsAll(List.of("信用卡", "逾期")), question.toString());
    }

    @Test
    void chineseFillersAndPunctuationAreDropped() {
        List<String> terms = zh("请问我的转账限额怎么办呢？");
        assertFalse(terms.contains("怎么办"), terms.toString());
        assertFalse(terms.contains("我"), terms.toString());
        assertFalse(terms.contains("？"), terms.toString());
        assertTrue(terms.contains("限额"), terms.toString());
    }

    @Test
    void englishIsStemmedAndStopWordsDropped() {
        assertEquals(en("delay"), en("delayed"));
        assertEquals(en("flight"), en("flights"));
        assertEquals(en("customer's phone"), en("customer phones"));
        assertFalse(en("the flight was delayed").contains("the"));
    }

    @Test
    void bigramsCoverChineseWordsTheSegmenterMightSplit() {
        List<String> bigrams = Analyzers.terms(analyzers.bigrams(), "征信记录", 100);
        assertEquals(List.of("征信", "信记", "记录"), bigrams);
        assertTrue(Analyzers.isFillerBigram("么办"));
        assertFalse(Analyzers.isFillerBigram("逾期"));
    }

    @Test
    void languageIsDetectedFromTheScript() {
        assertEquals("zh", Analyzers.detectLanguage("信用卡逾期了"));
        assertEquals("zh", Analyzers.detectLanguage("我的 iPhone 屏幕坏了，无法开机"));
        assertEquals("en", Analyzers.detectLanguage("My flight was delayed"));
        assertEquals("en", Analyzers.detectLanguage("Order 42 from 北京 was late and nobody called me back"));
        assertEquals("en", Analyzers.detectLanguage(null));
        assertFalse(Analyzers.hasLatinOrDigit("信用卡逾期怎么办？"));
        assertTrue(Analyzers.hasLatinOrDigit("iPhone 黑屏"));
        assertTrue(Analyzers.hasLatinOrDigit("5G信号差"));
    }
}
