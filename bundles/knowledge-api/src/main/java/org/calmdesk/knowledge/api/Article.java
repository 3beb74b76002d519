package org.calmdesk.knowledge.api;

import java.time.Instant;
import java.util.List;

/**
 * A problem-library article as the API returns it. {@code reviewDueAt} is when a published article
 * is next due for periodic review (last review, or publication, plus the configured period);
 * {@code usageCount} counts resolved tickets that turned out to be this known problem.
 */
public record Article(
        String id,
        String title,
        String problem,
        String rootCause,
        String solution,
        List<String> scripts,
        ArticleCategory category,
        List<String> tags,
        String language,
        ArticleStatus status,
        String sourceTicketId,
        long helpfulCount,
        long notHelpfulCount,
        long usageCount,
        Instant reviewDueAt,
        Instant lastReviewedAt,
        Instant publishedAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
