package org.calmdesk.knowledge.api;

/**
 * Filters of the article list; null means "any". {@code reviewDue} true lists only published
 * articles whose periodic review is due now.
 */
public record ArticleQuery(ArticleStatus status, ArticleCategory category, String language, String tag,
        String sourceTicketId, boolean reviewDue) {

    public static ArticleQuery all() {
        return new ArticleQuery(null, null, null, null, null, false);
    }
}
