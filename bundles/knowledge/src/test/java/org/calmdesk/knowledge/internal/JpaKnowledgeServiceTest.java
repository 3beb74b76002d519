package org.calmdesk.knowledge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.StaleVersionException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.core.testing.MutableClock;
import org.calmdesk.core.testing.LoggedEvents;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.knowledge.api.Article;
import org.calmdesk.knowledge.api.ArticleCategory;
import org.calmdesk.knowledge.api.ArticleDraft;
import org.calmdesk.knowledge.api.ArticleQuery;
import org.calmdesk.knowledge.api.ArticleRevision;
import org.calmdesk.knowledge.api.ArticleStatus;
import org.calmdesk.knowledge.api.ImportReport;
import org.calmdesk.knowledge.api.IndexReport;
import org.calmdesk.knowledge.api.IntakeOutcome;
import org.calmdesk.knowledge.api.KnowledgeEvents;
import org.calmdesk.knowledge.api.ResolvedCase;
import org.calmdesk.knowledge.api.SearchHit;
import org.calmdesk.knowledge.api.SearchRequest;
import org.calmdesk.knowledge.internal.search.ArticleIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.calmdesk.knowledge.api.events.ArticlePublished;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JpaKnowledgeServiceTest {

    @TempDir
    Path folder;
    private EntityManagerFactory emf;
    private LoggedEvents events;
    private MutableClock clock;
    private JpaKnowledgeService service;

    @BeforeEach
    void setUp() throws Exception {
        emf = Fixtures.newEntityManagerFactory();
        events = new LoggedEvents(emf);
        clock = new MutableClock(Instant.parse("2026-01-01T08:00:00Z"));
        service = open();
    }

    private JpaKnowledgeService open() throws Exception {
        return new JpaKnowledgeService(new ArticleStore(emf), new BeanValidator(), clock, folder.resolve("index"), Settings.DEFAULTS);
    }

    @AfterEach
    void tearDown() {
        service.close();
        emf.close();
    }

    private static ArticleDraft overdueDraft() {
        return new ArticleDraft("信用卡逾期影响征信", "客户因信用卡逾期还款在征信报告上留下不良记录，要求删除。",
                "银行须如实报送还款信息。", "核实原因，银行责任则提交异议，否则说明规定并提供补救措施。",
                List.of("非常抱歉这件事影响到您的贷款申请。"), ArticleCategory.BILLING, List.of("信用卡", "征信"), "zh");
    }

    private List<String> searchIds(String q, ArticleStatus status) {
        return service.search(new SearchRequest(q, null, null, status, null)).items().stream().map(h -> h.article().id()).toList();
    }

    @Test
    void anotherNodesIndexFindsAnArticleOnceItsEventComesThroughTheLog() throws Exception {
        // A second node: the same database, a search index of its own.
        JpaKnowledgeService otherNode = new JpaKnowledgeService(new ArticleStore(emf), new BeanValidator(), clock,
                folder.resolve("other-node-index"), Settings.DEFAULTS);
        try {
            Article created = service.create(overdueDraft(), "agent");
            service.publish(created.id(), "agent");
            SearchRequest query = new SearchRequest("征信", null, null, ArticleStatus.PUBLISHED, null);
            assertEquals(List.of(created.id()), searchIds("征信", ArticleStatus.PUBLISHED), "the writing node finds it at once");
            assertTrue(otherNode.search(query).items().isEmpty(), "the other node's index has not heard of it yet");

            otherNode.followArticleEvent(LoggedEvents.event(new ArticlePublished(created.id(), "PUBLISHED", "agent", null)));

            // No refresh per followed article: the index's reopen thread makes it searchable within half a second.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (otherNode.search(query).items().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(List.of(created.id()), otherNode.search(query).items().stream().map(h -> h.article().id()).toList());
            // The event comes to the writing node as well: copying again changes nothing.
            service.followArticleEvent(LoggedEvents.event(new ArticlePublished(created.id(), "PUBLISHED", "agent", null)));
            assertEquals(List.of(created.id()), searchIds("征信", ArticleStatus.PUBLISHED));
        } finally {
            otherNode.close();
        }
    }

    @Test
    void theIndexFollowerRunsOnEveryNodeFromNow() {
        java.util.Dictionary<String, Object> properties = JpaKnowledgeService.indexFollowerProperties();
        assertEquals("node", properties.get(org.calmdesk.core.events.EventConsumer.SCOPE));
        assertEquals("now", properties.get(org.calmdesk.core.events.EventConsumer.START));
        assertEquals("calmdesk/knowledge/*", properties.get(org.calmdesk.core.events.EventConsumer.TOPICS));
    }

    @Test
    void anEditKeepsThePreviousVersion() {
        Article created = service.create(overdueDraft(), "agent");
        assertEquals(ArticleStatus.DRAFT, created.status());
        assertEquals(List.of("信用卡", "征信"), created.tags());
        ArticleDraft edit = new ArticleDraft("信用卡逾期记录能否删除", created.problem(), created.rootCause(), created.solution(),
                List.of("新话术一", "新话术二"), ArticleCategory.BILLING, List.of("征信"), "zh");
        Article edited = service.update(created.id(), edit, created.version(), "lead");
        assertEquals(created.version() + 1, edited.version());
        assertEquals(List.of("新话术一", "新话术二"), edited.scripts());

        service.update(created.id(), overdueDraft(), null, "lead2");
        List<ArticleRevision> versions = service.versions(created.id(), PageRequest.first(10)).items();
        assertEquals(2, versions.size());
        assertEquals(edited.version(), versions.get(0).version());
        assertEquals("信用卡逾期记录能否删除", versions.get(0).title());
        assertEquals("lead2", versions.get(0).replacedBy());
        assertEquals(created.version(), versions.get(1).version());
        assertEquals("信用卡逾期影响征信", versions.get(1).title());
        assertEquals(List.of("非常抱歉这件事影响到您的贷款申请。"), versions.get(1).scripts());

        // Paging walks back through the versions.
        var first = service.versions(created.id(), PageRequest.first(1));
        assertNotNull(first.nextCursor());
        assertEquals(created.version(), service.versions(created.id(), PageRequest.of(1, first.nextCursor())).items().get(0).version());
        assertThrows(NotFoundException.class, () -> service.versions("nope", PageRequest.first(10)));
    }

    @Test
    void aStaleOrInvalidEditChangesNothing() {
        Article created = service.create(overdueDraft(), "agent");
        assertThrows(StaleVersionException.class, () -> service.update(created.id(), overdueDraft(), 99L, "agent"));
        ArticleDraft invalid = new ArticleDraft(" ", "p", null, null, null, ArticleCategory.OTHER, null, "fr");
        ValidationException e = assertThrows(ValidationException.class, () -> service.update(created.id(), invalid, null, "agent"));
        assertEquals(Set.of("title", "language"), new HashSet<>(e.errors().stream().map(f -> f.field()).toList()));
        assertEquals(created.version(), service.find(created.id()).orElseThrow().version());
        assertTrue(service.versions(created.id(), PageRequest.first(10)).items().isEmpty());
    }

    @Test
    void statusMovesForwardOnlyAndPublishingNeedsRootCauseAndSolution() {
        Article bare = service.create(new ArticleDraft("t", "p", null, null, null, ArticleCategory.OTHER, null, "en"), "agent");
        ConflictException missing = assertThrows(ConflictException.class, () -> service.publish(bare.id(), "agent"));
        assertEquals(List.of("rootCause", "solution"), missing.extensions().get("missing"));

        Article created = service.create(overdueDraft(), "agent");
        Article published = service.publish(created.id(), "agent");
        assertEquals(ArticleStatus.PUBLISHED, published.status());
        assertEquals(published.publishedAt().plus(Duration.ofDays(180)), published.reviewDueAt());
        assertThrows(ConflictException.class, () -> service.publish(created.id(), "agent"));
        Article archived = service.archive(created.id(), "agent");
        assertNull(archived.reviewDueAt());
        assertThrows(ConflictException.class, () -> service.archive(created.id(), "agent"));
        assertThrows(ConflictException.class, () -> service.publish(created.id(), "agent"));
        assertThrows(ConflictException.class, () -> service.update(created.id(), overdueDraft(), null, "agent"));
        assertEquals(ArticleStatus.ARCHIVED, service.archive(bare.id(), "agent").status());
        assertTrue(events.topics().containsAll(List.of(KnowledgeEvents.CREATED, KnowledgeEvents.PUBLISHED, KnowledgeEvents.ARCHIVED)));
        assertThrows(NotFoundException.class, () -> service.publish("nope", "agent"));
    }

    @Test
    void searchFollowsEveryChangeAtOnce() {
        Article created = service.create(overdueDraft(), "agent");
        assertEquals(List.of(), searchIds("信用卡逾期怎么办", null));
        assertEquals(List.of(created.id()), searchIds("信用卡逾期怎么办", ArticleStatus.DRAFT));
        service.publish(created.id(), "agent");
        List<SearchHit> hits = service.search(SearchRequest.of("信用卡逾期怎么办")).items();
        assertEquals(created.id(), hits.get(0).article().id());
        assertEquals(ArticleStatus.PUBLISHED, hits.get(0).article().status());
        assertTrue(hits.get(0).highlight().contains("<em>"), hits.get(0).highlight());
        assertTrue(hits.get(0).score() > 0);

        ArticleDraft renamed = new ArticleDraft("Credit card overdue record", "Customer wants an overdue record removed.",
                "Accurate reporting is required.", "Explain and offer remedies.", List.of(), ArticleCategory.BILLING,
                List.of(), "en");
        service.update(created.id(), renamed, null, "agent");
        assertEquals(List.of(), searchIds("信用卡逾期", null));
        assertEquals(List.of(created.id()), searchIds("overdue credit card", null));
        service.archive(created.id(), "agent");
        assertEquals(List.of(), searchIds("overdue credit card", null));
        assertEquals(List.of(created.id()), searchIds("overdue credit card", ArticleStatus.ARCHIVED));
    }

    @Test
    void hitsTheDatabaseNoLongerConfirmsAreDroppedAndThePageRefilled() {
        Article first = service.publish(service.create(overdueDraft(), "agent").id(), "agent");
        Article second = service.publish(service.create(new ArticleDraft("信用卡逾期记录", "客户的信用卡逾期了。", "忘记还款",
                "说明规定", List.of(), ArticleCategory.BILLING, List.of(), "zh"), "agent").id(), "agent");
        List<String> both = searchIds("信用卡逾期影响征信", null);
        assertEquals(List.of(first.id(), second.id()), both);
        // Archived in the database behind the index's back (a crash between commit and index write).
        new Transactions(emf).run(em -> em.createQuery("UPDATE ArticleEntity a SET a.status = :s WHERE a.id = :id")
                .setParameter("s", ArticleStatus.ARCHIVED).setParameter("id", first.id()).executeUpdate());
        List<SearchHit> page = service.search(new SearchRequest("信用卡逾期影响征信", null, null, null, 1)).items();
        assertEquals(List.of(second.id()), page.stream().map(h -> h.article().id()).toList());
        assertEquals(ArticleStatus.PUBLISHED, page.get(0).article().status());
    }

    @Test
    void badSearchInputIsRefused() {
        assertEquals("q", assertThrows(ValidationException.class, () -> service.search(SearchRequest.of(" "))).errors().get(0).field());
        assertEquals("limit", assertThrows(ValidationException.class,
                () -> service.search(new SearchRequest("x", null, null, null, 51))).errors().get(0).field());
        assertEquals("language", assertThrows(ValidationException.class,
                () -> service.search(new SearchRequest("x", null, "fr", null, null))).errors().get(0).field());
        assertThrows(ValidationException.class, () -> service.suggest("", null, 5));
    }

    @Test
    void feedbackCountsVotesOnPublishedArticlesOnly() {
        Article created = service.create(overdueDraft(), "agent");
        assertThrows(ConflictException.class, () -> service.feedback(created.id(), true));
        service.publish(created.id(), "agent");
        service.feedback(created.id(), true);
        service.feedback(created.id(), true);
        Article voted = service.feedback(created.id(), false);
        assertEquals(2, voted.helpfulCount());
        assertEquals(1, voted.notHelpfulCount());
    }

    @Test
    void reviewDueFollowsThePolicyLive() {
        Article a = service.publish(service.create(overdueDraft(), "agent").id(), "agent");
        Article b = service.publish(service.create(overdueDraft(), "agent").id(), "agent");
        ArticleQuery due = new ArticleQuery(null, null, null, null, null, true);
        assertTrue(service.list(due, PageRequest.first(10)).items().isEmpty());

        clock.advance(Duration.ofDays(181));
        assertEquals(List.of(a.id(), b.id()), service.list(due, PageRequest.first(10)).items().stream().map(Article::id).toList());
        Article reviewed = service.markReviewed(a.id(), "lead");
        assertEquals(clock.instant().plus(Duration.ofDays(180)), reviewed.reviewDueAt());
        assertEquals(List.of(b.id()), service.list(due, PageRequest.first(10)).items().stream().map(Article::id).toList());

        service.settings(Settings.DEFAULTS.withReviewPeriod(Duration.ofDays(400)));
        assertTrue(service.list(due, PageRequest.first(10)).items().isEmpty());
        assertEquals(b.publishedAt().plus(Duration.ofDays(400)), service.find(b.id()).orElseThrow().reviewDueAt());
        assertThrows(ConflictException.class, () -> service.markReviewed(service.create(overdueDraft(), "a").id(), "lead"));
    }

    @Test
    void listFiltersByStatusCategoryLanguageAndTag() {
        Article zh = service.create(overdueDraft(), "agent");
        Article en = service.create(Fixtures.draft("Flight delay", "Late flight", "Weather", "Inform", ArticleCategory.OTHER, "en"), "agent");
        service.publish(en.id(), "agent");
        assertEquals(List.of(zh.id()), ids(new ArticleQuery(ArticleStatus.DRAFT, null, null, null, null, false)));
        assertEquals(List.of(en.id()), ids(new ArticleQuery(null, ArticleCategory.OTHER, null, null, null, false)));
        assertEquals(List.of(en.id()), ids(new ArticleQuery(null, null, "en", null, null, false)));
        assertEquals(List.of(zh.id()), ids(new ArticleQuery(null, null, null, "征信", null, false)));
        assertEquals(List.of(), ids(new ArticleQuery(null, null, null, "征", null, false)));
    }

    private List<String> ids(ArticleQuery query) {
        return service.list(query, PageRequest.first(50)).items().stream().map(Article::id).toList();
    }

    private static ResolvedCase resolved(String ticketId, String category, String subject, String rootCause) {
        return new ResolvedCase(ticketId, "CD-000001", category, subject, subject + "，客户很生气。", "已解释并处理", rootCause);
    }

    @Test
    void aResolvedTicketBecomesADraftOnceEvenWhenTheEventComesTwice() {
        ResolvedCase ticket = resolved("t-1", "DELIVERY", "快递包裹丢失三天无人处理", "中转站分拣错误，包裹被错发到外地");
        IntakeOutcome first = service.takeResolvedCase(ticket);
        assertEquals(IntakeOutcome.Result.DRAFTED, first.result());
        Article draft = first.article();
        assertEquals(ArticleStatus.DRAFT, draft.status());
        assertEquals("t-1", draft.sourceTicketId());
        assertEquals("zh", draft.language());
        assertEquals(ArticleCategory.DELIVERY, draft.category());
        assertEquals("中转站分拣错误，包裹被错发到外地", draft.rootCause());

        IntakeOutcome again = service.takeResolvedCase(ticket);
        assertEquals(IntakeOutcome.Result.ALREADY_TAKEN, again.result());
        assertEquals(draft.id(), again.article().id());
        assertEquals(1, service.list(new ArticleQuery(null, null, null, null, "t-1", false), PageRequest.first(10)).items().size());

        assertEquals(IntakeOutcome.Result.SKIPPED, service.takeResolvedCase(resolved("t-2", "DELIVERY", "x", " ")).result());
        assertEquals(ArticleCategory.OTHER, service.takeResolvedCase(resolved("t-3", "NO_SUCH", "Parcel lost", "Wrong label printed")).article().category());
    }

    @Test
    void concurrentDeliveriesOfOneResolutionMakeOneDraft() throws Exception {
        ResolvedCase ticket = resolved("t-race", "BILLING", "话费多扣了二十元", "增值业务被误订阅");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<IntakeOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                outcomes.add(pool.submit(() -> service.takeResolvedCase(ticket)));
            }
            Set<String> articleIds = new HashSet<>();
            int drafted = 0;
            for (Future<IntakeOutcome> outcome : outcomes) {
                IntakeOutcome o = outcome.get();
                articleIds.add(o.article().id());
                drafted += o.result() == IntakeOutcome.Result.DRAFTED ? 1 : 0;
            }
            assertEquals(1, drafted);
            assertEquals(1, articleIds.size());
        } finally {
            pool.shutdown();
        }
        assertEquals(1, service.list(new ArticleQuery(null, null, null, null, "t-race", false), PageRequest.first(10)).items().size());
    }

    @Test
    void aCaseAPublishedArticleCoversCountsAsUsageInsteadOfANewDraft() {
        Article known = service.publish(service.create(overdueDraft(), "agent").id(), "agent");
        IntakeOutcome counted = service.takeResolvedCase(resolved("t-10", "BILLING", "信用卡逾期影响征信记录", "银行须如实报送还款信息"));
        assertEquals(IntakeOutcome.Result.COUNTED, counted.result());
        assertEquals(known.id(), counted.article().id());
        assertEquals(1, service.find(known.id()).orElseThrow().usageCount());

        // Same words, other category: not the same known problem.
        assertEquals(IntakeOutcome.Result.DRAFTED,
                service.takeResolvedCase(resolved("t-11", "POLICY", "信用卡逾期影响征信记录", "银行须如实报送还款信息")).result());
        // Same category, another problem.
        assertEquals(IntakeOutcome.Result.DRAFTED,
                service.takeResolvedCase(resolved("t-12", "BILLING", "信用卡年费被多扣", "免年费条件没有告知客户")).result());
        assertEquals(1, service.find(known.id()).orElseThrow().usageCount());
    }

    @Test
    void aDeletedIndexIsRebuiltFromTheDatabaseOnStart() throws Exception {
        Article a = service.publish(service.create(overdueDraft(), "agent").id(), "agent");
        ImportReport imported = service.importStarterLibrary("test");
        service.close();
        ArticleIndex.deleteRecursively(folder.resolve("index"));

        service = open();
        service.startUp();
        assertEquals(imported.created() + 1, service.indexedDocuments());
        // The starter library holds an article of the same title: both rank above everything else.
        assertTrue(searchIds("信用卡逾期怎么办", null).subList(0, 2).contains(a.id()));
    }

    @Test
    void anIndexLeftBehindByACrashCatchesUpAndDropsWhatTheDatabaseLacks() throws Exception {
        Article a = service.publish(service.create(overdueDraft(), "agent").id(), "agent");
        service.close();
        // The database committed a change the index never saw (crash between the two).
        new Transactions(emf).run(em -> em.createQuery(
                "UPDATE ArticleEntity a SET a.content.title = 'Chargeback dispute', a.version = a.version + 1 WHERE a.id = :id")
                .setParameter("id", a.id()).executeUpdate());

        service = open();
        service.startUp();
        assertEquals(List.of(a.id()), searchIds("chargeback", null));

        // A document the database does not know about (say, a row restored from an older backup).
        Article ghost = Fixtures.article("ghost", Fixtures.draft("Chargeback ghost", "p", "r", "s", ArticleCategory.OTHER, "en"),
                ArticleStatus.PUBLISHED);
        IndexSync sync = new IndexSync(folder.resolve("other"), new org.calmdesk.knowledge.internal.search.Analyzers(),
                new IndexSync.Source() {
                    @Override
                    public List<Article> load(java.util.Collection<String> ids) {
                        return List.of();
                    }

                    @Override
                    public List<java.util.Map.Entry<String, Long>> versionsAfter(String afterId, int max) {
                        return List.of();
                    }
                });
        sync.index().upsert(List.of(ghost));
        sync.index().refresh();
        IndexReport report = sync.reconcile(false);
        assertEquals(1, report.removed());
        assertEquals(0, sync.index().size());
        sync.close();
    }

    @Test
    void reindexRewritesEveryArticleAndRecreatesADeletedFolder() throws Exception {
        service.importStarterLibrary("test");
        IndexReport full = service.reindex();
        assertEquals(service.count(), full.articles());
        // Changes not yet committed to the index when its folder goes: they cannot be committed, and
        // the writer's lock must still be released so that a new index can be opened.
        Article a = service.publish(service.create(overdueDraft(), "agent").id(), "agent");

        ArticleIndex.deleteRecursively(folder.resolve("index"));
        IndexReport rebuilt = service.reindex();
        assertEquals(service.count(), rebuilt.articles());
        assertTrue(searchIds("信用卡逾期怎么办", null).subList(0, 2).contains(a.id()));
        Article later = service.publish(service.create(Fixtures.draft("Refund delayed", "p", "r", "s", ArticleCategory.OTHER, "en"), "a").id(), "a");
        assertEquals(later.id(), searchIds("refund delayed", null).get(0));
    }

    @Test
    void theStarterLibraryImportsOncePublished() {
        ImportReport first = service.importStarterLibrary("test");
        assertTrue(first.created() >= 10 && first.created() <= 20, first.toString());
        assertTrue(first.rejected().isEmpty(), first.rejected().toString());
        ImportReport second = service.importStarterLibrary("test");
        assertEquals(0, second.created());
        assertEquals(first.created(), second.skipped());
        assertEquals(first.created(), service.count());
        SearchHit top = service.search(SearchRequest.of("信用卡逾期怎么办")).items().get(0);
        assertEquals("信用卡逾期影响征信", top.article().title());
        assertEquals(ArticleStatus.PUBLISHED, top.article().status());
        Set<String> languages = new HashSet<>();
        service.list(ArticleQuery.all(), PageRequest.first(50)).items().forEach(x -> languages.add(x.language()));
        assertEquals(Set.of("zh", "en"), languages);
    }

    @Test
    void aBrokenLibraryFileIsRefusedOrReportedEntryByEntry() {
        assertThrows(ValidationException.class, () -> service.importLibrary(
                new java.io.ByteArrayInputStream("{".getBytes(java.nio.charset.StandardCharsets.UTF_8)), true, "t"));
        String json = "[{\"key\":\"k1\",\"title\":\"T\",\"problem\":\"P\",\"rootCause\":\"R\",\"solution\":\"S\","
                + "\"category\":\"OTHER\",\"language\":\"en\"},{\"key\":\"k2\",\"title\":\"T\",\"problem\":\"P\","
                + "\"category\":\"NOPE\",\"language\":\"en\"},{\"title\":\"no key\"},{\"key\":\"k3\",\"title\":\"T\","
                + "\"problem\":\"P\",\"category\":\"OTHER\",\"language\":\"en\"}]";
        ImportReport report = service.importLibrary(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                true, "t");
        assertEquals(1, report.created());
        assertEquals(3, report.rejected().size());
        assertTrue(report.rejected().get(2).startsWith("k3: "), report.rejected().toString());
        ImportReport asDrafts = service.importLibrary(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                false, "t");
        assertEquals(1, asDrafts.created()); // k3 as a draft; k1 already there
        assertEquals(1, asDrafts.skipped());
    }

    @Test
    void suggestionsRankPublishedArticlesForAFreeTextCase() {
        service.importStarterLibrary("test");
        List<SearchHit> hits = service.suggest("客户说飞机晚点三个小时，一直没有人通知，要求赔偿", null, 3).items();
        assertEquals("航班延误旅客情绪激动", hits.get(0).article().title());
        assertTrue(hits.size() <= 3);
        List<SearchHit> en = service.suggest("Customer shouts that our agent was rude on the phone yesterday", null, 3).items();
        assertEquals("Complaint about a rude or dismissive agent", en.get(0).article().title());
    }
}
