package org.calmdesk.knowledge.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.calmdesk.knowledge.api.Article;
import org.calmdesk.knowledge.internal.FixturesAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A search stops counting matches once it has its top hits and lets the scorers skip the rest: on
 * a library where a query matches thousands of articles, its hits (ids, order, scores and
 * highlights) are exactly those of a search that scores every match.
 */
class TopHitsTest {

    @TempDir
    static Path folder;
    private static Analyzers analyzers;
    private static ArticleIndex index;

    @BeforeAll
    static void build() throws IOException {
        analyzers = new Analyzers();
        index = new ArticleIndex(folder.resolve("index"), analyzers);
        List<Article> library = new ArrayList<>();
        List<Article> corpus = FixturesAccess.corpus();
        for (int copy = 0; copy < 120; copy++) {
            for (Article a : corpus) {
                // Each copy repeats a few words of its title a different number of times: scores differ.
                String echo = (" " + a.title()).repeat(copy % 7);
                library.add(new Article(a.id() + "-" + copy, a.title(), a.problem() + echo, a.rootCause(), a.solution(), a.scripts(),
                        a.category(), a.tags(), a.language(), a.status(), a.sourceTicketId(), a.helpfulCount(), a.notHelpfulCount(),
                        a.usageCount(), a.reviewDueAt(), a.lastReviewedAt(), a.publishedAt(), a.createdAt(), a.updatedAt(), a.version()));
            }
        }
        index.upsert(library);
        index.refresh();
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
        analyzers.close();
    }

    @ParameterizedTest
    @ValueSource(strings = { "转账额度不够用", "手机银行转不了钱，说超过限额", "信用卡 转账 航班 手机 客服 逾期",
            "credit card transfer flight phone agent late" })
    void theTopHitsAreThoseOfScoringEveryMatch(String text) {
        ArticleIndex.Request request = new ArticleIndex.Request(text, "PUBLISHED", null, null, null, 2_000);
        assertTrue(index.search(request, Integer.MAX_VALUE).size() > 1_000,
                "the query should match more articles than Lucene counts by default: " + text);
        for (int limit : new int[] { 1, 10, 50 }) {
            ArticleIndex.Request page = request.withLimit(limit);
            assertEquals(index.search(page, Integer.MAX_VALUE), index.search(page), text + ", limit " + limit);
        }
    }
}
