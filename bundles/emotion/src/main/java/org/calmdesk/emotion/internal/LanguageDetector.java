package org.calmdesk.emotion.internal;

/** Chinese or English, by script: Chinese when the text has at least as many Han characters as Latin words. */
public final class LanguageDetector {

    private LanguageDetector() {
    }

    public static String detect(String text) {
        return DefaultEmotionAnalyzer.detectLanguage(text);
    }
}
