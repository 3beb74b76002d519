package org.calmdesk.knowledge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.testing.PostgresSchema;
import org.calmdesk.core.testing.LoggedEvents;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.knowledge.api.ArticleQuery;
import org.calmdesk.knowledge.api.ImportReport;
import org.calmdesk.knowledge.api.IntakeOutcome;
import org.calmdesk.knowledge.api.ResolvedCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL: the same resolution delivered to both at once makes one draft, and
 * the same library imported by both at once creates each article once. Runs under {@code -Ppostgres}.
 */
@EnabledIfSystemProperty(named = "calmdesk.test.pg.url", matches = ".+", disabledReason = "needs -Ppostgres")
class KnowledgePostgresTest {

    @TempDir
    Path folder;
    private PostgresSchema schema;
    private EntityManagerFactory emfA;
    private EntityManagerFactory emfB;
    private JpaKnowledgeService nodeA;
    private JpaKnowledgeService nodeB;

    @BeforeEach
    void setUp() throws Exception {
        schema = PostgresSchema.create();
        emfA = schema.emf("calmdesk.knowledge");
        emfB = schema.emf("calmdesk.knowledge");
        nodeA = new JpaKnowledgeService(new ArticleStore(emfA), new BeanValidator(), Clock.systemUTC(),
                folder.resolve("a"), Settings.DEFAULTS);
        nodeB = new JpaKnowledgeService(new ArticleStore(emfB), new BeanValidator(), Clock.systemUTC(),
                folder.resolve("b"), Settings.DEFAULTS);
    }

    @AfterEach
    void tearDown() throws Exception {
        nodeA.close();
        nodeB.close();
        emfA.close();
        emfB.close();
        schema.close();
    }

    @Test
    void oneResolutionDeliveredToTwoNodesAtOnceMakesOneDraft() throws Exception {
        ResolvedCase resolved = new ResolvedCase("t-pg", "CD-000009", "BILLING", "话费多扣了二十元", "客户很生气",
                "退还并致歉", "增值业务被误订阅");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<IntakeOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JpaKnowledgeService node = i % 2 == 0 ? nodeA : nodeB;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    return node.takeResolvedCase(resolved);
                }));
            }
            go.countDown();
            Set<String> articles = new HashSet<>();
            int drafted = 0;
            for (Future<IntakeOutcome> outcome : outcomes) {
                IntakeOutcome o = outcome.get();
                articles.add(o.article().id());
                drafted += o.result() == IntakeOutcome.Result.DRAFTED ? 1 : 0;
            }
            assertEquals(1, drafted);
            assertEquals(1, articles.size());
        } finally {
            pool.shutdown();
        }
        assertEquals(1, nodeB.list(new ArticleQuery(null, null, null, null, "t-pg", false), PageRequest.first(10)).items().size());
    }

    @Test
    void theSameLibraryImportedByTwoNodesAtOnceCreatesEachArticleOnce() throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 300; i++) {
            json.append(i == 0 ? "" : ",").append("{\"key\":\"pg-").append(i).append("\",\"title\":\"Article ").append(i)
                    .append("\",\"problem\":\"p\",\"rootCause\":\"r\",\"solution\":\"s\",\"category\":\"OTHER\",\"language\":\"en\"}");
        }
        byte[] library = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<ImportReport> a = pool.submit(() -> {
                go.await();
                return nodeA.importLibrary(new ByteArrayInputStream(library), true, "a");
            });
            Future<ImportReport> b = pool.submit(() -> {
                go.await();
                return nodeB.importLibrary(new ByteArrayInputStream(library), true, "b");
            });
            go.countDown();
            assertEquals(300, a.get().created() + b.get().created());
            assertEquals(300, a.get().skipped() + b.get().skipped());
        } finally {
            pool.shutdown();
        }
        assertEquals(300, nodeA.count());
    }
}
