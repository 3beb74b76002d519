package org.calmdesk.knowledge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.TypedQuery;

import org.calmdesk.core.Ids;
import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.StaleVersionException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Cursor;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.persistence.Transactions;
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
import org.calmdesk.knowledge.api.KnowledgeService;
import org.calmdesk.knowledge.api.ResolvedCase;
import org.calmdesk.knowledge.api.SearchHit;
import org.calmdesk.knowledge.api.SearchRequest;
import org.calmdesk.knowledge.api.SearchResult;
import org.calmdesk.knowledge.internal.search.Analyzers;
import org.calmdesk.knowledge.internal.search.ArticleIndex;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The problem library on the {@code calmdesk.knowledge} persistence unit, with its Lucene index in
 * {@code ${karaf.data}/calmdesk/knowledge-index}. Writes commit to the database first and then
 * copy the article into the index ({@link IndexSync}); on start the index catches up with the
 * database in the background (a full rebuild when it is missing or unreadable).
 */
@Component(service = KnowledgeService.class, configurationPid = "calmdesk.knowledge")
@Designate(ocd = KnowledgeConfig.class)
public class JpaKnowledgeService implements KnowledgeService {

    private static final Logger LOG = LoggerFactory.getLogger(JpaKnowledgeService.class);
    static final String STARTER_LIBRARY = "starter-library.json";
    /** Articles written per transaction by an import. */
    private static final int IMPORT_CHUNK = 200;

    private final Transactions tx;
    private final BeanValidator validator;
    private final EventAdmin events;
    private final Clock clock;
    private final Analyzers analyzers;
    private final IndexSync index;
    private final LibraryImporter importer;
    private volatile Settings settings;
    private ScheduledExecutorService maintenance;
    private ScheduledFuture<?> committer;

    @Activate
    public JpaKnowledgeService(
            @Reference(target = "(osgi.unit.name=calmdesk.knowledge)") EntityManagerFactory emf,
            @Reference BeanValidator validator,
            @Reference EventAdmin events,
            KnowledgeConfig config) throws IOException {
        this(emf, validator, events, Clock.systemUTC(), defaultIndexPath(), Settings.of(config));
        startMaintenance();
    }

    JpaKnowledgeService(EntityManagerFactory emf, BeanValidator validator, EventAdmin events, Clock clock,
            Path indexPath, Settings settings) throws IOException {
        this.tx = new Transactions(emf);
        this.validator = validator;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.analyzers = new Analyzers();
        this.index = new IndexSync(indexPath, analyzers, new DatabaseSource());
        this.importer = new LibraryImporter(validator);
    }

    static Path defaultIndexPath() {
        String data = System.getProperty("karaf.data", "data");
        return Path.of(data, "calmdesk", "knowledge-index");
    }

    /** Catches the index up in the background, imports the starter library once, then commits periodically. */
    private void startMaintenance() {
        maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "calmdesk-knowledge-index");
            thread.setDaemon(true);
            return thread;
        });
        maintenance.execute(this::startUp);
        scheduleCommits(settings.indexCommitSeconds());
    }

    private synchronized void scheduleCommits(int seconds) {
        if (committer != null) {
            committer.cancel(false);
        }
        committer = maintenance.scheduleWithFixedDelay(index::maintain, seconds, seconds, TimeUnit.SECONDS);
    }

    /** What a fresh start does: catch the index up, then import the starter library when configured and empty. */
    void startUp() {
        try {
            index.reconcile(false);
            if (settings.importStarterLibrary() && count() == 0) {
                ImportReport report = importStarterLibrary("system");
                LOG.info("Starter library imported: {} article(s)", report.created());
            }
        } catch (RuntimeException e) {
            LOG.error("Problem library start-up failed: {}", e.toString());
            LOG.debug("Start-up failure", e);
        }
    }

    @Modified
    void modified(KnowledgeConfig config) {
        Settings previous = settings;
        settings = Settings.of(config);
        if (maintenance != null && previous.indexCommitSeconds() != settings.indexCommitSeconds()) {
            scheduleCommits(settings.indexCommitSeconds());
        }
        LOG.info("Problem library policy updated: reviewPeriodDays={}, dedupeThreshold={}, indexCommitSeconds={}",
                config.reviewPeriodDays(), config.dedupeThreshold(), config.indexCommitSeconds());
    }

    @Deactivate
    void deactivate() {
        if (maintenance != null) {
            maintenance.shutdownNow();
            try {
                maintenance.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    /** Closes the index (writer, searchers, directory) and the analyzers. */
    void close() {
        try {
            index.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Closing the search index: {}", e.toString());
        } finally {
            analyzers.close();
        }
    }

    void settings(Settings changed) {
        settings = changed;
    }

    // ---- articles ----

    @Override
    public Article create(ArticleDraft draft, String actor) {
        validator.validate(draft);
        Article created = tx.inTransaction(em -> {
            ArticleEntity entity = new ArticleEntity(Ids.newId(), now());
            entity.apply(draft, now());
            em.persist(entity);
            em.flush();
            return dto(entity);
        });
        afterCommit(KnowledgeEvents.CREATED, created, actor);
        return created;
    }

    @Override
    public Optional<Article> find(String id) {
        return tx.read(em -> Optional.ofNullable(em.find(ArticleEntity.class, id)).map(this::dto));
    }

    @Override
    public Page<Article> list(ArticleQuery query, PageRequest page) {
        StringBuilder jpql = new StringBuilder("SELECT a FROM ArticleEntity a WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        ArticleStatus status = query.reviewDue() ? ArticleStatus.PUBLISHED : query.status();
        if (query.reviewDue() && query.status() != null && query.status() != ArticleStatus.PUBLISHED) {
            return new Page<>(List.of(), null);
        }
        if (status != null) {
            jpql.append(" AND a.status = :status");
            params.put("status", status);
        }
        if (query.reviewDue()) {
            jpql.append(" AND a.reviewBaseAt <= :reviewBefore");
            params.put("reviewBefore", now().minus(settings.reviewPeriod()));
        }
        if (query.category() != null) {
            jpql.append(" AND a.content.category = :category");
            params.put("category", query.category());
        }
        if (query.language() != null) {
            jpql.append(" AND a.content.language = :language");
            params.put("language", checkLanguage("language", query.language()));
        }
        if (query.tag() != null && !query.tag().isBlank()) {
            jpql.append(" AND a.content.tagsText LIKE :tag ESCAPE '\\'");
            params.put("tag", "%" + escapeLike(TextLists.TAG_DELIMITER + query.tag().trim() + TextLists.TAG_DELIMITER) + "%");
        }
        if (query.sourceTicketId() != null && !query.sourceTicketId().isBlank()) {
            jpql.append(" AND a.sourceTicketId = :source");
            params.put("source", query.sourceTicketId().trim());
        }
        if (page.after() != null) {
            jpql.append(" AND a.id > :after");
            params.put("after", page.after().key(0));
        }
        jpql.append(" ORDER BY a.id");
        return tx.read(em -> {
            TypedQuery<ArticleEntity> typed = em.createQuery(jpql.toString(), ArticleEntity.class);
            params.forEach(typed::setParameter);
            List<ArticleEntity> rows = typed.setMaxResults(page.fetchSize()).getResultList();
            return Page.fromFetched(rows, page, a -> Cursor.of(a.id())).map(this::dto);
        });
    }

    @Override
    public Article update(String id, ArticleDraft draft, Long expectedVersion, String actor) {
        validator.validate(draft);
        Article updated = tx.inTransaction(em -> {
            ArticleEntity entity = locked(em, id);
            if (expectedVersion != null && expectedVersion != entity.version()) {
                throw new StaleVersionException(expectedVersion, entity.version());
            }
            ArticleLifecycle.checkEditable(id, entity.status());
            em.persist(entity.snapshot(Ids.newId(), actorOf(actor), now()));
            entity.apply(draft, now());
            em.flush();
            return dto(entity);
        });
        afterCommit(KnowledgeEvents.UPDATED, updated, actor);
        return updated;
    }

    @Override
    public Article publish(String id, String actor) {
        return move(id, ArticleStatus.PUBLISHED, KnowledgeEvents.PUBLISHED, actor);
    }

    @Override
    public Article archive(String id, String actor) {
        return move(id, ArticleStatus.ARCHIVED, KnowledgeEvents.ARCHIVED, actor);
    }

    private Article move(String id, ArticleStatus target, String topic, String actor) {
        Article moved = tx.inTransaction(em -> {
            ArticleEntity entity = locked(em, id);
            ArticleLifecycle.checkMove(id, entity.status(), target);
            if (target == ArticleStatus.PUBLISHED) {
                ArticleLifecycle.checkPublishable(id, entity.rootCause(), entity.solution());
            }
            entity.moveTo(target, now());
            em.flush();
            return dto(entity);
        });
        afterCommit(topic, moved, actor);
        return moved;
    }

    @Override
    public Article markReviewed(String id, String actor) {
        Article reviewed = tx.inTransaction(em -> {
            ArticleEntity entity = locked(em, id);
            ArticleLifecycle.checkPublished(id, entity.status(), "reviewed");
            entity.reviewed(now());
            em.flush();
            return dto(entity);
        });
        index.sync(List.of(id));
        return reviewed;
    }

    @Override
    public Page<ArticleRevision> versions(String id, PageRequest page) {
        return tx.read(em -> {
            if (em.find(ArticleEntity.class, id) == null) {
                throw new NotFoundException("Article", id);
            }
            String jpql = "SELECT r FROM ArticleRevisionEntity r WHERE r.articleId = :id"
                    + (page.after() == null ? "" : " AND r.version < :before") + " ORDER BY r.version DESC";
            TypedQuery<ArticleRevisionEntity> query = em.createQuery(jpql, ArticleRevisionEntity.class).setParameter("id", id);
            if (page.after() != null) {
                query.setParameter("before", parseLong(page.after().key(0)));
            }
            List<ArticleRevisionEntity> rows = query.setMaxResults(page.fetchSize()).getResultList();
            return Page.fromFetched(rows, page, r -> Cursor.of(Long.toString(r.version()))).map(ArticleRevisionEntity::toDto);
        });
    }

    @Override
    public Article feedback(String id, boolean helpful) {
        Article voted = tx.inTransaction(em -> {
            ArticleEntity entity = locked(em, id);
            ArticleLifecycle.checkPublished(id, entity.status(), "rated");
            entity.vote(helpful);
            em.flush();
            return dto(entity);
        });
        index.sync(List.of(id));
        return voted;
    }

    long count() {
        return tx.read(em -> em.createQuery("SELECT COUNT(a) FROM ArticleEntity a", Long.class).getSingleResult());
    }

    // ---- search ----

    @Override
    public SearchResult search(SearchRequest request) {
        if (request.text() == null || request.text().isBlank()) {
            throw new ValidationException("q", "must not be empty");
        }
        if (request.text().length() > 1000) {
            throw new ValidationException("q", "must be at most 1000 characters");
        }
        int limit = request.limit() == null ? SearchRequest.DEFAULT_LIMIT : request.limit();
        if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + SearchRequest.MAX_LIMIT);
        }
        String language = request.language() == null ? null : checkLanguage("language", request.language());
        ArticleStatus status = request.status() == null ? ArticleStatus.PUBLISHED : request.status();
        return run(new ArticleIndex.Request(request.text(), status.name(),
                request.category() == null ? null : request.category().name(), language, null, limit),
                status, request.category(), language, limit);
    }

    @Override
    public SearchResult suggest(String text, ArticleCategory category, int limit) {
        if (text == null || text.isBlank()) {
            throw new ValidationException("text", "must not be empty");
        }
        if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + SearchRequest.MAX_LIMIT);
        }
        // Long ticket texts are cut: the opening states the problem; the query stays bounded.
        String bounded = text.length() > 1000 ? text.substring(0, 1000) : text;
        return run(new ArticleIndex.Request(bounded, ArticleStatus.PUBLISHED.name(), null, null,
                category == null ? null : category.name(), limit), ArticleStatus.PUBLISHED, null, null, limit);
    }

    /**
     * Index hits, confirmed and filled in from the database (the truth), in rank order. A hit the
     * database does not confirm (an index a crash left behind) is dropped; when that leaves the
     * page short, the index is asked once more for twice as many.
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
        Map<String, Article> articles = load(hits.stream().map(ArticleIndex.Hit::id).toList()).stream()
                .collect(Collectors.toMap(Article::id, Function.identity()));
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

    private List<Article> load(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return tx.read(em -> em.createQuery("SELECT a FROM ArticleEntity a WHERE a.id IN :ids", ArticleEntity.class)
                .setParameter("ids", List.copyOf(ids)).getResultList().stream().map(this::dto).toList());
    }

    // ---- from tickets ----

    @Override
    public IntakeOutcome takeResolvedCase(ResolvedCase resolved) {
        if (resolved == null || resolved.ticketId() == null || resolved.ticketId().isBlank()) {
            throw new ValidationException("ticketId", "is required");
        }
        if (resolved.rootCause() == null || resolved.rootCause().isBlank()) {
            return new IntakeOutcome(IntakeOutcome.Result.SKIPPED, null);
        }
        String key = intakeKey(resolved);
        String language = Analyzers.detectLanguage(String.join(" ", Objects.toString(resolved.subject(), ""),
                Objects.toString(resolved.description(), ""), resolved.rootCause()));
        ArticleCategory category = categoryOf(resolved.category());
        Optional<Article> known = closestPublished(resolved, category, language);
        IntakeOutcome outcome = tx.inTransaction(em -> {
            IntakeEntity taken = em.find(IntakeEntity.class, key);
            if (taken != null) {
                ArticleEntity article = em.find(ArticleEntity.class, taken.articleId());
                return new IntakeOutcome(IntakeOutcome.Result.ALREADY_TAKEN, article == null ? null : dto(article));
            }
            Instant now = now();
            ArticleEntity article = known.map(a -> em.find(ArticleEntity.class, a.id(), LockModeType.PESSIMISTIC_WRITE))
                    .filter(a -> a.status() == ArticleStatus.PUBLISHED).orElse(null);
            IntakeOutcome.Result result;
            if (article != null) {
                article.used(now);
                result = IntakeOutcome.Result.COUNTED;
            } else {
                article = new ArticleEntity(Ids.newId(), now);
                article.apply(draftOf(resolved, category, language), now);
                article.origin(resolved.ticketId().trim(), null);
                em.persist(article);
                result = IntakeOutcome.Result.DRAFTED;
            }
            em.persist(new IntakeEntity(key, resolved.ticketId().trim(), article.id(), result.name(), now));
            em.flush();
            return new IntakeOutcome(result, dto(article));
        });
        if (outcome.result() == IntakeOutcome.Result.DRAFTED) {
            afterCommit(KnowledgeEvents.CREATED, outcome.article(), "system");
        } else if (outcome.result() == IntakeOutcome.Result.COUNTED) {
            index.sync(List.of(outcome.article().id()));
        }
        LOG.info("Resolved ticket {} taken into the problem library: {} {}", resolved.ticketId(), outcome.result(),
                outcome.article() == null ? "" : outcome.article().id());
        return outcome;
    }

    /** The published article of the same category and language that covers the case best, if close enough. */
    Optional<Article> closestPublished(ResolvedCase resolved, ArticleCategory category, String language) {
        String caseText = CaseMatcher.caseText(resolved.subject(), resolved.rootCause());
        List<ArticleIndex.Hit> hits = index.index().search(new ArticleIndex.Request(caseText,
                ArticleStatus.PUBLISHED.name(), category.name(), language, null, 5));
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        ArticleIndex articleIndex = index.index();
        List<String> caseTerms = articleIndex.terms(caseText, language);
        double threshold = settings.dedupeThreshold();
        Map<String, Article> loaded = load(hits.stream().map(ArticleIndex.Hit::id).toList()).stream()
                .collect(Collectors.toMap(Article::id, Function.identity()));
        Article best = null;
        double bestCoverage = -1;
        for (ArticleIndex.Hit hit : hits) {
            Article article = loaded.get(hit.id());
            if (article == null || article.status() != ArticleStatus.PUBLISHED) {
                continue;
            }
            String articleText = String.join("\n", article.title(), article.problem(), Objects.toString(article.rootCause(), ""),
                    Objects.toString(article.solution(), ""), String.join(" ", article.tags()));
            double coverage = CaseMatcher.coverage(caseTerms, articleIndex.terms(articleText, language));
            if (coverage > bestCoverage) {
                bestCoverage = coverage;
                best = article;
            }
        }
        return bestCoverage >= threshold ? Optional.ofNullable(best) : Optional.empty();
    }

    private static ArticleDraft draftOf(ResolvedCase resolved, ArticleCategory category, String language) {
        String subject = blankTo(resolved.subject(), "Ticket " + Objects.toString(resolved.ticketNumber(), resolved.ticketId()));
        String problem = blankTo(resolved.description(), subject);
        return new ArticleDraft(cut(subject, 200), cut(problem, 4000), cut(resolved.rootCause().trim(), 4000),
                resolved.resolutionSummary() == null ? null : cut(resolved.resolutionSummary(), 8000), List.of(), category,
                List.of("from-ticket"), language);
    }

    static String intakeKey(ResolvedCase resolved) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((resolved.rootCause().trim() + "\n" + Objects.toString(resolved.resolutionSummary(), "").trim())
                    .getBytes(StandardCharsets.UTF_8));
            return cut(resolved.ticketId().trim(), 64) + ":" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ArticleCategory categoryOf(String name) {
        if (name == null) {
            return ArticleCategory.OTHER;
        }
        try {
            return ArticleCategory.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ArticleCategory.OTHER;
        }
    }

    // ---- import and index ----

    @Override
    public ImportReport importLibrary(InputStream json, boolean publish, String actor) {
        List<String> rejected = new ArrayList<>();
        List<LibraryImporter.Entry> entries = new ArrayList<>();
        for (LibraryImporter.Entry entry : importer.parse(json, rejected)) {
            try {
                if (publish) {
                    ArticleLifecycle.checkPublishable(entry.key(), entry.draft().rootCause(), entry.draft().solution());
                }
                entries.add(entry);
            } catch (ConflictException e) {
                rejected.add(entry.key() + ": " + e.getMessage());
            }
        }
        List<String> createdIds = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += IMPORT_CHUNK) {
            List<LibraryImporter.Entry> chunk = entries.subList(from, Math.min(entries.size(), from + IMPORT_CHUNK));
            // One transaction per chunk; a concurrent import of the same keys makes it retry, and the
            // retry skips what the other import created.
            createdIds.addAll(tx.inTransaction(em -> {
                Set<String> existing = new HashSet<>(em.createQuery(
                        "SELECT a.importKey FROM ArticleEntity a WHERE a.importKey IN :keys", String.class)
                        .setParameter("keys", chunk.stream().map(LibraryImporter.Entry::key).toList()).getResultList());
                List<String> ids = new ArrayList<>();
                Instant now = now();
                for (LibraryImporter.Entry entry : chunk) {
                    if (existing.contains(entry.key())) {
                        continue;
                    }
                    ArticleEntity entity = new ArticleEntity(Ids.newId(), now);
                    entity.apply(entry.draft(), now);
                    entity.origin(null, entry.key());
                    if (publish) {
                        entity.moveTo(ArticleStatus.PUBLISHED, now);
                    }
                    em.persist(entity);
                    ids.add(entity.id());
                }
                return ids;
            }));
        }
        for (int from = 0; from < createdIds.size(); from += IndexSync.BATCH) {
            index.sync(createdIds.subList(from, Math.min(createdIds.size(), from + IndexSync.BATCH)));
        }
        int skipped = entries.size() - createdIds.size();
        LOG.info("Library import by {}: {} created, {} already present, {} rejected", actorOf(actor), createdIds.size(),
                skipped, rejected.size());
        return new ImportReport(createdIds.size(), skipped, rejected);
    }

    @Override
    public ImportReport importStarterLibrary(String actor) {
        try (InputStream in = JpaKnowledgeService.class.getResourceAsStream(STARTER_LIBRARY)) {
            if (in == null) {
                throw new IllegalStateException("starter library missing from the bundle");
            }
            return importLibrary(in, true, actor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public IndexReport reindex() {
        return index.reconcile(true);
    }

    int indexedDocuments() {
        return index.index().size();
    }

    // ---- helpers ----

    private ArticleEntity locked(EntityManager em, String id) {
        ArticleEntity entity = em.find(ArticleEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            throw new NotFoundException("Article", id);
        }
        return entity;
    }

    private Article dto(ArticleEntity entity) {
        return entity.toDto(settings.reviewPeriod());
    }

    private void afterCommit(String topic, Article article, String actor) {
        index.sync(List.of(article.id()));
        Map<String, Object> props = new HashMap<>();
        props.put(KnowledgeEvents.ARTICLE_ID, article.id());
        props.put(KnowledgeEvents.STATUS, article.status().name());
        props.put(KnowledgeEvents.ACTOR, actorOf(actor));
        if (article.sourceTicketId() != null) {
            props.put(KnowledgeEvents.SOURCE_TICKET_ID, article.sourceTicketId());
        }
        events.postEvent(new Event(topic, props));
    }

    private static String actorOf(String actor) {
        return actor == null ? "system" : actor;
    }

    static String checkLanguage(String field, String language) {
        String value = language.trim().toLowerCase(Locale.ROOT);
        if (!value.equals("zh") && !value.equals("en")) {
            throw new ValidationException(field, "must be zh or en");
        }
        return value;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ValidationException("cursor", "does not belong to this list");
        }
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String cut(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The database side of {@link IndexSync}. */
    private final class DatabaseSource implements IndexSync.Source {

        @Override
        public List<Article> load(Collection<String> ids) {
            return JpaKnowledgeService.this.load(ids);
        }

        @Override
        public List<Map.Entry<String, Long>> versionsAfter(String afterId, int max) {
            return tx.read(em -> {
                TypedQuery<Object[]> query = em.createQuery("SELECT a.id, a.version FROM ArticleEntity a"
                        + (afterId == null ? "" : " WHERE a.id > :after") + " ORDER BY a.id", Object[].class);
                if (afterId != null) {
                    query.setParameter("after", afterId);
                }
                return query.setMaxResults(max).getResultList().stream()
                        .<Map.Entry<String, Long>>map(row -> new AbstractMap.SimpleImmutableEntry<>((String) row[0],
                                ((Number) row[1]).longValue()))
                        .toList();
            });
        }
    }
}
