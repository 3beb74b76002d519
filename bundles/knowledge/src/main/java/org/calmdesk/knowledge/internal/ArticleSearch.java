package org.calmdesk.knowledge.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.calmdesk.core.error.ValidationException;
import org.calmdesk.knowledge.api.Article;
import org.calmdesk.knowledge.api.ArticleCategory;
import org.calmdesk.knowledge.api.ArticleStatus;
import org.calmdesk.knowledge.api.IndexReport;
import org.calmdesk.knowledge.api.SearchHit;
import org.calmdesk.knowledge.api.SearchRequest;
import org.calmdesk.knowledge.api.SearchResult;
import org.calmdesk.knowledge.internal.search.Analyzers;
import org.calmdesk.knowledge.internal.search.ArticleIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search side of the problem library: the Lucene index in its folder, kept a copy of the
 * database by {@link IndexSync}, and the searches on it. Every hit is confirmed and filled in from
 * the database (the truth), so an index a crash left behind never shows a stale article.
 */
final class ArticleSearch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArticleSearch.class);
    private static final int MAX_TEXT = 1000;

    private final ArticleStore store;
    private final Supplier<Settings> settings;
    private final Analyzers analyzers;
    private final IndexSync index;

    ArticleSearch(ArticleStore store, Supplier<Settings> settings, Path indexPath) throws IOException {
        this.store = store;
        this.settings = settings;
        this.analyzers = new Analyzers();
        this.index = new IndexSync(indexPath, analyzers, new IndexSync.Source() {
            @Override
            public List<Article> load(Collection<String> ids) {
                return ArticleSearch.this.load(ids);
            }

            @Override
            public List<Map.Entry<String, Long>> versionsAfter(String afterId, int max) {
                return store.versionsAfter(afterId, max);
            }
        });
    }

    static Path defaultIndexPath() {
        String data = System.getProperty("karaf.data", "data");
        return Path.of(data, "calmdesk", "knowledge-index");
    }

    // ---- keeping the copy ----

    /** Copies the committed state of these articles into the index (in batches the index takes at once). */
    void sync(List<String> ids) {
        for (int from = 0; from < ids.size(); from += IndexSync.BATCH) {
            index.sync(ids.subList(from, Math.min(ids.size(), from + IndexSync.BATCH)));
        }
    }

    /** Copies what another node changed; searchable within the index's reopen delay (see {@link IndexSync#follow}). */
    void follow(List<String> ids) {
        index.follow(ids);
    }

    /** Brings the index in line with the database; {@code full} rewrites every article. */
    IndexReport reconcile(boolean full) {
        return index.reconcile(full);
    }

    /** The periodic run: catch up after a failed copy, otherwise commit recent changes. */
    void maintain() {
        index.maintain();
    }

    int indexedDocuments() {
        return index.index().size();
    }

    // ---- searching ----

    SearchResult search(SearchRequest request) {
        if (request.text() == null || request.text().isBlank()) {
            throw new ValidationException("q", "must not be empty");
        }
        if (request.text().length() > MAX_TEXT) {
            throw new ValidationException("q", "must be at most 1000 characters");
        }
        int limit = request.limit() == null ? SearchRequest.DEFAULT_LIMIT : request.limit();
        checkLimit(limit);
        String language = request.language() == null ? null : checkLanguage("language", request.language());
        ArticleStatus status = request.status() == null ? ArticleStatus.PUBLISHED : request.status();
        return run(new ArticleIndex.Request(request.text(), status.name(),
                request.category() == null ? null : request.category().name(), language, null, limit),
                status, request.category(), language, limit);
    }

    SearchResult suggest(String text, ArticleCategory category, int limit) {
        if (text == null || text.isBlank()) {
            throw new ValidationException("text", "must not be empty");
        }
        checkLimit(limit);
        // Long ticket texts are cut: the opening states the problem; the query stays bounded.
        String bounded = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        return run(new ArticleIndex.Request(bounded, ArticleStatus.PUBLISHED.name(), null, null,
                category == null ? null : category.name(), limit), ArticleStatus.PUBLISHED, null, null, limit);
    }

    /** The published articles of a category and language that match {@code text} best, by rank (for the intake's dedupe). */
    List<Article> publishedMatching(String text, ArticleCategory category, String language, int limit) {
        List<ArticleIndex.Hit> hits = index.index().search(new ArticleIndex.Request(text, ArticleStatus.PUBLISHED.name(),
                category.name(), language, null, limit));
        Map<String, Article> loaded = byId(hits);
        return hits.stream().map(hit -> loaded.get(hit.id()))
                .filter(a -> a != null && a.status() == ArticleStatus.PUBLISHED).toList();
    }

    /** The index terms of a text as the analyzer of {@code language} makes them. */
    List<String> terms(String text, String language) {
        return index.index().terms(text, language);
    }

    /**
     * Index hits, confirmed and filled in from the database, in rank order. A hit the database
     * does not confirm is dropped; when that leaves the page short, the index is asked once more
     * for twice as many.
     */
    private SearchResult run(ArticleIndex.Request query, ArticleStatus status, ArticleCategory category,
            String language, int limit) {
        List<ArticleIndex.Hit> hits = index.index().search(query);
        List<SearchHit> items = confirmed(hits, status, category, language, limit);
        if (items.size() < hits.size() && hits.size() == query.limit()) {
            items = confirmed(index.index().search(query.withLimit(limit * 2)), status, category, language, limit);
        }
        return new SearchResult(items);
    }

    private List<SearchHit> confirmed(List<ArticleIndex.Hit> hits, ArticleStatus status, ArticleCategory category,
            String language, int limit) {
        if (hits.isEmpty()) {
            return List.of();
        }
        Map<String, Article> articles = byId(hits);
        List<SearchHit> items = new ArrayList<>();
        for (ArticleIndex.Hit hit : hits) {
            Article article = articles.get(hit.id());
            if (article != null && article.status() == status && (category == null || article.category() == category)
                    && (language == null || language.equals(article.language())) && items.size() < limit) {
                items.add(new SearchHit(article, hit.score(), hit.highlight()));
            }
        }
        return items;
    }

    private Map<String, Article> byId(List<ArticleIndex.Hit> hits) {
        return load(hits.stream().map(ArticleIndex.Hit::id).toList()).stream()
                .collect(Collectors.toMap(Article::id, Function.identity()));
    }

    private List<Article> load(Collection<String> ids) {
        return store.load(ids, settings.get().reviewPeriod());
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + SearchRequest.MAX_LIMIT);
        }
    }

    static String checkLanguage(String field, String language) {
        String value = language.trim().toLowerCase(Locale.ROOT);
        if (!value.equals("zh") && !value.equals("en")) {
            throw new ValidationException(field, "must be zh or en");
        }
        return value;
    }

    /** Closes the index (writer, searchers, directory) and the analyzers. */
    @Override
    public void close() {
        try {
            index.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Closing the search index: {}", e.toString());
        } finally {
            analyzers.close();
        }
    }
}
