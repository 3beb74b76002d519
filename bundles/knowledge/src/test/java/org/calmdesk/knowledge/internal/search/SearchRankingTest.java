package org.calmdesk.knowledge.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.calmdesk.knowledge.api.Article;
import org.calmdesk.knowledge.api.ArticleStatus;
import org.calmdesk.knowledge.internal.FixturesAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ranking on a fixture corpus: the starter library plus look-alike distractors (other credit-card,
 * credit-report and limit problems). Each query is how a customer or agent might phrase the case;
 * the expected article must come first.
 */
class SearchRankingTest {

    @TempDir
    static Path folder;
    private static Analyzers analyzers;
    private static ArticleIndex index;

    @BeforeAll
    static void build() throws IOException {
        analyzers = new Analyzers();
        index = new ArticleIndex(folder.resolve("index"), analyzers);
        index.upsert(FixturesAccess.corpus());
        index.refresh();
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
        analyzers.close();
    }

    private static List<ArticleIndex.Hit> search(String text, String language) {
        return index.search(new ArticleIndex.Request(text, "PUBLISHED", null, language, null, 10));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "信用卡逾期怎么办|starter-credit-overdue-zh",
            "我的信用卡过期没还，征信上有不良记录了|starter-credit-overdue-zh",
            "逾期记录能不能删掉|starter-credit-overdue-zh",
            "转账额度不够用|starter-transfer-limit-zh",
            "手机银行转不了钱，说超过限额|starter-transfer-limit-zh",
            "飞机晚点好几个小时也没人通知|starter-flight-delay-zh",
            "航班取消了能退票吗|starter-flight-cancel-zh",
            "新买的手机老是自动重启黑屏|starter-defective-phone-zh",
            "手机送去维修一个月还没修好|starter-phone-repair-overdue-zh",
            "你们客服态度太差了|starter-rude-service-zh",
            "客户在电话里骂人怎么处理|starter-abusive-customer-zh",
            "late credit card payment on my credit report|starter-credit-overdue-en",
            "transfer limit exceeded in the app|starter-transfer-limit-en",
            "my flight was delayed and nobody told us anything|starter-flight-delay-en",
            "the agent was rude and impolite to me|starter-rude-service-en",
            "new phone keeps rebooting|starter-defective-phone-en",
            "money transferred but the recipient has not received it|starter-transfer-delay-en",
            "faulty handset|starter-defective-phone-en" })
    void customerPhrasingFindsTheKnownProblemFirst(String query, String expected) {
        List<ArticleIndex.Hit> hits = search(query, null);
        assertFalse(hits.isEmpty(), "no hit for " + query);
        assertEquals(expected, hits.get(0).id(), () -> "ranking for " + query + ": " + hits);
    }

    @Test
    void titleOutweighsAMentionInTheSolution() {
        List<ArticleIndex.Hit> hits = search("transfer limit", "en");
        List<String> ids = hits.stream().map(ArticleIndex.Hit::id).toList();
        assertTrue(ids.indexOf("starter-transfer-limit-en") < ids.indexOf("fx-en-limit-solution-only"), ids.toString());
    }

    @Test
    void highlightsMarkTheMatchedWordsEscaped() {
        ArticleIndex.Hit hit = search("信用卡逾期怎么办", null).get(0);
        assertTrue(hit.highlight().contains("<em>逾期</em>") || hit.highlight().contains("<em>信用卡</em>"), hit.highlight());
        ArticleIndex.Hit en = search("credit report", "en").get(0);
        assertTrue(en.highlight().contains("<em>credit</em>"), en.highlight());
        assertEquals("&lt;b&gt;", ArticleIndex.escape("<b>"));
    }

    @Test
    void filtersRestrictLanguageStatusAndCategory() {
        assertTrue(search("信用卡逾期", "en").stream().noneMatch(h -> h.id().endsWith("-zh")));
        assertTrue(index.search(new ArticleIndex.Request("信用卡逾期", "DRAFT", null, null, null, 10)).isEmpty());
        List<ArticleIndex.Hit> billing = index.search(new ArticleIndex.Request("信用卡", "PUBLISHED", "BILLING", null, null, 10));
        assertFalse(billing.isEmpty());
        assertTrue(billing.stream().noneMatch(h -> h.id().equals("fx-card-limit-raise")), billing.toString());
    }

    @Test
    void aQueryOfOnlyFillerWordsFindsNothing() {
        assertTrue(search("怎么办？", null).isEmpty());
        assertTrue(search("the", null).isEmpty());
    }

    @Test
    void anIndexHeldByAnotherWriterIsNeverDeleted() throws IOException {
        try (Analyzers own = new Analyzers()) {
            assertThrows(LockObtainFailedException.class, () -> new ArticleIndex(folder.resolve("index"), own));
        }
        assertEquals(FixturesAccess.corpus().size(), index.size());
        assertFalse(search("信用卡逾期怎么办", null).isEmpty());
    }

    @Test
    void anUnreadableIndexIsReplacedByAnEmptyOneThatNeedsARebuild() throws IOException {
        Path broken = folder.resolve("broken");
        java.nio.file.Files.createDirectories(broken);
        java.nio.file.Files.writeString(broken.resolve("segments_1"), "not an index");
        try (Analyzers own = new Analyzers(); ArticleIndex reopened = new ArticleIndex(broken, own)) {
            assertTrue(reopened.needsRebuild());
            assertEquals(0, reopened.size());
        }
        try (Analyzers own = new Analyzers(); ArticleIndex again = new ArticleIndex(broken, own)) {
            assertTrue(again.needsRebuild(), "no schema mark until a rebuild completes");
            again.markRebuilt();
        }
        try (Analyzers own = new Analyzers(); ArticleIndex rebuilt = new ArticleIndex(broken, own)) {
            assertFalse(rebuilt.needsRebuild());
        }
    }

    @Test
    void reindexingAnArticleReplacesItsDocument() throws IOException {
        try (Analyzers own = new Analyzers(); ArticleIndex small = new ArticleIndex(folder.resolve("small"), own)) {
            Article first = FixturesAccess.corpus().get(0);
            small.upsert(List.of(first));
            small.upsert(List.of(FixturesAccess.withStatus(first, ArticleStatus.ARCHIVED)));
            small.refresh();
            assertEquals(1, small.size());
            assertTrue(small.search(new ArticleIndex.Request("转账限额", "PUBLISHED", null, null, null, 5)).isEmpty());
            assertEquals(1, small.search(new ArticleIndex.Request("转账限额", "ARCHIVED", null, null, null, 5)).size());
        }
    }

    /** Dense norms (see ArticleIndex.document): every text field has one in every document, of both languages. */
    @Test
    void everyTextFieldHasANormInEveryDocument() throws IOException {
        index.commit();
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(folder.resolve("index")))) {
            for (String field : List.of(Fields.TITLE_ZH, Fields.PROBLEM_ZH, Fields.TAGS_ZH, Fields.BODY_ZH, Fields.TITLE_EN,
                    Fields.PROBLEM_EN, Fields.TAGS_EN, Fields.BODY_EN, Fields.TITLE_BI, Fields.TEXT_BI)) {
                int withNorm = 0;
                for (LeafReaderContext leaf : reader.leaves()) {
                    NumericDocValues norms = leaf.reader().getNormValues(field);
                    while (norms != null && norms.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                        withNorm++;
                    }
                }
                assertEquals(reader.maxDoc(), withNorm, field);
            }
        }
    }

    /** A completed rebuild leaves one segment, which the searches see (bench/scale: 8 segments at 50 k articles). */
    @Test
    void aRebuildEndsInOneSegment() throws IOException {
        Path path = folder.resolve("merged");
        List<Article> corpus = FixturesAccess.corpus();
        try (Analyzers own = new Analyzers(); ArticleIndex rebuilding = new ArticleIndex(path, own)) {
            for (int i = 0; i < 3; i++) {
                rebuilding.upsert(corpus.subList(i * corpus.size() / 3, (i + 1) * corpus.size() / 3));
                rebuilding.commit();
            }
            try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(path))) {
                assertEquals(3, reader.leaves().size(), "one segment per commit before");
            }
            rebuilding.markRebuilt();
            try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(path))) {
                assertEquals(1, reader.leaves().size());
            }
            assertEquals(corpus.size(), rebuilding.size());
            assertEquals("starter-transfer-limit-zh",
                    rebuilding.search(new ArticleIndex.Request("转账额度不够用", "PUBLISHED", null, null, null, 5)).get(0).id());
        }
    }
}
