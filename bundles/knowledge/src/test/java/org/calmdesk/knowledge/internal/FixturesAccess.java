package org.calmdesk.knowledge.internal;

import java.util.List;

import org.calmdesk.knowledge.api.Article;
import org.calmdesk.knowledge.api.ArticleStatus;

/** Opens the package-private fixtures to the search package's tests. */
public final class FixturesAccess {

    private FixturesAccess() {
    }

    public static List<Article> corpus() {
        return Fixtures.corpus();
    }

    public static Article withStatus(Article a, ArticleStatus status) {
        return new Article(a.id(), a.title(), a.problem(), a.rootCause(), a.solution(), a.scripts(), a.category(),
                a.tags(), a.language(), status, a.sourceTicketId(), a.helpfulCount(), a.notHelpfulCount(), a.usageCount(),
                a.reviewDueAt(), a.lastReviewedAt(), a.publishedAt(), a.createdAt(), a.updatedAt(), a.version() + 1);
    }
}
