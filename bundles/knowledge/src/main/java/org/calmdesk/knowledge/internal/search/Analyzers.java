package org.calmdesk.knowledge.internal.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analyzers of the problem library, built explicitly (no SPI lookup, which OSGi class loaders
 * hide): Lucene's smart Chinese analyzer (HMM word segmentation, so text needs no spaces) for
 * Chinese fields, the English analyzer (possessives, stop words, Porter stemming) for English
 * fields, and CJK bigrams as a recall net for Chinese words the segmenter splits differently in
 * the query and in the article.
 */
public final class Analyzers implements AutoCloseable {

    /**
     * Function words and question fillers customers wrap around the problem ("我的…怎么办？").
     * Kept out of both index and query so they neither match nor dilute scores.
     */
    private static final List<String> CHINESE_STOP_WORDS = List.of(
            "的", "了", "是", "我", "你", "他", "她", "它", "我们", "你们", "他们", "吗", "呢", "吧", "啊", "呀", "哦",
            "怎么", "怎么办", "怎样", "为什么", "什么", "如何", "请问", "一下", "这个", "那个", "这", "那", "在", "和",
            "与", "及", "就", "都", "也", "还", "把", "给", "让", "对", "从", "向", "到", "说", "该", "请", "您");

    private final SmartChineseAnalyzer chinese;
    private final EnglishAnalyzer english;
    private final CJKAnalyzer bigrams;
    private final StandardAnalyzer keyword;
    private final PerFieldAnalyzerWrapper perField;

    public Analyzers() {
        CharArraySet stop = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
        stop.addAll(CHINESE_STOP_WORDS);
        chinese = new SmartChineseAnalyzer(stop);
        english = new EnglishAnalyzer();
        bigrams = new CJKAnalyzer(CharArraySet.EMPTY_SET);
        keyword = new StandardAnalyzer(CharArraySet.EMPTY_SET);
        perField = new PerFieldAnalyzerWrapper(keyword, Map.of(
                Fields.TITLE_ZH, chinese, Fields.PROBLEM_ZH, chinese, Fields.TAGS_ZH, chinese, Fields.BODY_ZH, chinese,
                Fields.TITLE_EN, english, Fields.PROBLEM_EN, english, Fields.TAGS_EN, english, Fields.BODY_EN, english,
                Fields.TITLE_BI, bigrams, Fields.TEXT_BI, bigrams));
    }

    /** Routes each index field to its analyzer. */
    public Analyzer perField() {
        return perField;
    }

    public Analyzer forLanguage(String language) {
        return "zh".equals(language) ? chinese : english;
    }

    public Analyzer bigrams() {
        return bigrams;
    }

    /** The distinct terms {@code analyzer} makes of {@code text}, in order, at most {@code max}. */
    public static List<String> terms(Analyzer analyzer, String text, int max) {
        Set<String> terms = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < max) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(terms);
    }

    /** zh when the text is mostly Han characters (Chinese text often carries Latin brand names), else en. */
    public static String detectLanguage(String text) {
        if (text == null) {
            return "en";
        }
        int han = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                han++;
            } else if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                latin++;
            }
            i += Character.charCount(cp);
        }
        return han >= 2 && han * 3 >= latin ? "zh" : "en";
    }

    /** True for a bigram inside a filler word ("怎么", "么办" of "怎么办"): such bigrams say nothing about the problem. */
    public static boolean isFillerBigram(String bigram) {
        return CHINESE_STOP_WORDS.stream().anyMatch(stop -> stop.length() > 1 && stop.contains(bigram));
    }

    /** True when the text holds a Latin letter or a digit. */
    public static boolean hasLatinOrDigit(String text) {
        return text != null && text.codePoints().anyMatch(cp -> Character.isDigit(cp)
                || Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN);
    }

    /** True when the text holds any Han character. */
    public static boolean hasHan(String text) {
        return text != null && text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    @Override
    public void close() {
        perField.close();
        chinese.close();
        english.close();
        bigrams.close();
        keyword.close();
    }
}
