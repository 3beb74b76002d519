package org.calmdesk.knowledge.api;

import java.time.Instant;
import java.util.List;

/**
 * An earlier version of an article, kept when an edit replaced it: the content as it was at
 * {@code version}, who replaced it ({@code replacedBy}) and when ({@code replacedAt}).
 */
public record ArticleRevision(
        String articleId,
        long version,
        String title,
        String problem,
        String rootCause,
        String solution,
        List<String> scripts,
        ArticleCategory category,
        List<String> tags,
        String language,
        ArticleStatus status,
        String replacedBy,
        Instant replacedAt) {
}
