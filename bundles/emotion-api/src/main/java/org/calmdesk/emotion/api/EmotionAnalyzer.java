package org.calmdesk.emotion.api;

/**
 * Reads the emotion in a customer's words. Implementations are plain services: consumers take the
 * highest-ranked one and must keep working without any. Must be thread-safe and fast (called on
 * the request path when a ticket is opened), and must not throw for ordinary text.
 */
public interface EmotionAnalyzer {

    /**
     * @param text     what the customer said or wrote; never null or blank
     * @param language a language tag such as {@code zh} or {@code en}, or null to detect it
     */
    EmotionAnalysis analyze(String text, String language);
}
