package org.calmdesk.knowledge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.calmdesk.core.schema.ModuleSchema;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.knowledge.api.Article;
import org.calmdesk.knowledge.api.ArticleCategory;
import org.calmdesk.knowledge.api.ArticleDraft;
import org.calmdesk.knowledge.api.ArticleStatus;
import org.h2.jdbcx.JdbcDataSource;

/** Test corpus (the starter library plus look-alike distractors) and the module's unit on a private H2. */
final class Fixtures {

    private Fixtures() {
    }

    /** Every fixture article, PUBLISHED, with its import key as id. */
    static List<Article> corpus() {
        List<Article> articles = new ArrayList<>();
        for (LibraryImporter.Entry entry : entries()) {
            articles.add(article(entry.key(), entry.draft(), ArticleStatus.PUBLISHED));
        }
        return articles;
    }

    static List<LibraryImporter.Entry> entries() {
        LibraryImporter importer = new LibraryImporter(new BeanValidator());
        List<LibraryImporter.Entry> entries = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        try (InputStream starter = BulkImport.class.getResourceAsStream(BulkImport.STARTER_LIBRARY);
                InputStream distractors = Fixtures.class.getResourceAsStream("/fixture-distractors.json")) {
            entries.addAll(importer.parse(starter, rejected));
            entries.addAll(importer.parse(distractors, rejected));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!rejected.isEmpty()) {
            throw new AssertionError("fixture entries rejected: " + rejected);
        }
        return entries;
    }

    static Article article(String id, ArticleDraft d, ArticleStatus status) {
        Instant now = Instant.parse("2026-11-01T00:00:00Z");
        return new Article(id, d.title(), d.problem(), d.rootCause(), d.solution(), d.scripts(), d.category(), d.tags(),
                d.language(), status, null, 0, 0, 0, null, null, null, now, now, 1);
    }

    static ArticleDraft draft(String title, String problem, String rootCause, String solution, ArticleCategory category,
            String language) {
        return new ArticleDraft(title, problem, rootCause, solution, List.of("script one"), category, List.of("t1"), language);
    }

    static EntityManagerFactory newEntityManagerFactory() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        // The schema comes from the module's migrations, as in OSGi.
        ModuleSchema.migrate(dataSource, "knowledge", Fixtures.class.getClassLoader());
        return Persistence.createEntityManagerFactory("calmdesk.knowledge", Map.of(
                "javax.persistence.nonJtaDataSource", dataSource,
                "eclipselink.logging.level", "SEVERE"));
    }
}
