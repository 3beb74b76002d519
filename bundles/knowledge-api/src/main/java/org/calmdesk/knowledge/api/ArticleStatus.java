package org.calmdesk.knowledge.api;

/** Life of an article: {@code DRAFT -> PUBLISHED -> ARCHIVED}; a draft may also be archived (discarded). */
public enum ArticleStatus {
    DRAFT, PUBLISHED, ARCHIVED
}
