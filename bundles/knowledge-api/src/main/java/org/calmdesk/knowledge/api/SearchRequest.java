package org.calmdesk.knowledge.api;

/**
 * A full-text search: {@code text} in Chinese (no spaces needed) or English; filters null mean
 * "any", except {@code status}, which defaults to PUBLISHED. {@code limit} 1-50, default 10.
 */
public record SearchRequest(String text, ArticleCategory category, String language, ArticleStatus status,
        Integer limit) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 50;

    public static SearchRequest of(String text) {
        return new SearchRequest(text, null, null, null, null);
    }
}
