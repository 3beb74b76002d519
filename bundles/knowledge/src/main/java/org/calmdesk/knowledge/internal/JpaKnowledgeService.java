package org.calmdesk.knowledge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.karaf.scheduler.Scheduler;
import org.calmdesk.core.Ids;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.scheduling.PeriodicJob;
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
import org.calmdesk.knowledge.api.KnowledgeService;
import org.calmdesk.knowledge.api.ResolvedCase;
import org.calmdesk.knowledge.api.SearchRequest;
import org.calmdesk.knowledge.api.SearchResult;
import org.calmdesk.knowledge.api.events.ArticleArchived;
import org.calmdesk.knowledge.api.events.ArticleCreated;
import org.calmdesk.knowledge.api.events.ArticlePublished;
import org.calmdesk.knowledge.api.events.ArticleUpdated;
import org.calmdesk.core.events.EventConsumer;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.knowledge.api.KnowledgeEvents;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The problem library: articles, their lifecycle and revisions (here, on {@link ArticleStore}),
 * and the pieces behind the rest of the service: the search index ({@link ArticleSearch}, in
 * {@code ${karaf.data}/calmdesk/knowledge-index}), ticket intake ({@link CaseIntake}) and bulk
 * import ({@link BulkImport}). Writes commit to the database first and then copy the article into
 * the index. One periodic job first catches the index up with the database (a full rebuild when
 * it is missing or unreadable) and imports the starter library when configured, then commits the
 * index every {@code indexCommitSeconds}.
 */
@Component(service = KnowledgeService.class, configurationPid = "calmdesk.knowledge")
@Designate(ocd = KnowledgeConfig.class)
public class JpaKnowledgeService implements KnowledgeService {

    private static final Logger LOG = LoggerFactory.getLogger(JpaKnowledgeService.class);
    private static final String JOB = "calmdesk-knowledge-index";

    private final ArticleStore store;
    private final BeanValidator validator;
    private final Clock clock;
    private final ArticleSearch search;
    private final ArticlePublisher publisher;
    private final CaseIntake intake;
    private final BulkImport bulkImport;
    /** Keeps a running index job and closing the index apart. */
    private final ReentrantLock indexWork = new ReentrantLock();
    private volatile Settings settings;
    private volatile boolean started;
    private volatile boolean closed;
    private PeriodicJob job;
    private ServiceRegistration<EventConsumer> indexFollower;

    @Activate
    public JpaKnowledgeService(@Reference ArticleStore store, @Reference BeanValidator validator, @Reference Scheduler scheduler,
            KnowledgeConfig config, BundleContext context) throws IOException {
        this(store, validator, Clock.systemUTC(), ArticleSearch.defaultIndexPath(), Settings.of(config));
        job = new PeriodicJob(scheduler, JOB, this::maintainIndex, LOG);
        job.every(settings.indexCommitSeconds());
        indexFollower = context.registerService(EventConsumer.class, this::followArticleEvent, indexFollowerProperties());
    }

    /**
     * Each node has its own search index, a copy of the database. The node that writes an article
     * copies it at once; every node, the writer too, copies it again when the article's event comes
     * through the log, so an article changed through any node is found on all of them within the
     * relay's delay and the index's reopen delay (a copy re-reads the database, so a second one
     * changes nothing).
     */
    static Dictionary<String, Object> indexFollowerProperties() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConsumer.NAME, "knowledge.search-index");
        properties.put(EventConsumer.TOPICS, KnowledgeEvents.TOPIC_PREFIX + "*");
        properties.put(EventConsumer.SCOPE, "node");
        // What came before this node started, its start-up reconcile catches up.
        properties.put(EventConsumer.START, "now");
        return properties;
    }

    void followArticleEvent(LoggedEvent event) {
        if (event.resourceId() != null && !closed) {
            search.follow(List.of(event.resourceId()));
        }
    }

    JpaKnowledgeService(ArticleStore store, BeanValidator validator, Clock clock, Path indexPath,
            Settings settings) throws IOException {
        this.store = store;
        this.validator = validator;
        this.clock = clock;
        this.settings = settings;
        this.search = new ArticleSearch(store, this::settings, indexPath);
        this.publisher = new ArticlePublisher(store, search);
        this.intake = new CaseIntake(store, search, this::settings, clock);
        this.bulkImport = new BulkImport(store, search, new LibraryImporter(validator), clock);
    }

    /** The index job: the first run catches up (see {@link #startUp}), every later one commits. */
    private void maintainIndex() {
        indexWork.lock();
        try {
            if (closed) {
                return;
            }
            if (started) {
                search.maintain();
            } else {
                started = true;
                startUp();
            }
        } finally {
            indexWork.unlock();
        }
    }

    /** What a fresh start does: catch the index up, then import the starter library when configured and empty. */
    void startUp() {
        try {
            search.reconcile(false);
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
        settings = Settings.of(config);
        job.every(settings.indexCommitSeconds());
        LOG.info("Problem library policy updated: reviewPeriodDays={}, dedupeThreshold={}, indexCommitSeconds={}",
                config.reviewPeriodDays(), config.dedupeThreshold(), config.indexCommitSeconds());
    }

    @Deactivate
    void deactivate() {
        if (indexFollower != null) {
            indexFollower.unregister();
        }
        job.close();
        try {
            // A run already under way finishes first (bounded), so the index is not closed beneath it.
            if (!indexWork.tryLock(10, TimeUnit.SECONDS)) {
                LOG.warn("The search index job did not finish within 10 s; closing the index anyway");
                close();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return;
        }
        try {
            close();
        } finally {
            indexWork.unlock();
        }
    }

    /** Closes the search index; later index runs do nothing. */
    void close() {
        closed = true;
        search.close();
    }

    Settings settings() {
        return settings;
    }

    void settings(Settings changed) {
        settings = changed;
    }

    // ---- articles ----

    @Override
    public Article create(ArticleDraft draft, String actor) {
        validator.validate(draft);
        Article created = publisher.changed(ArticleCreated::new, () -> store.insert(draft, now(), settings.reviewPeriod()), actor);
        return created;
    }

    @Override
    public Optional<Article> find(String id) {
        return store.find(id, settings.reviewPeriod());
    }

    @Override
    public Page<Article> list(ArticleQuery query, PageRequest page) {
        if (query.reviewDue() && query.status() != null && query.status() != ArticleStatus.PUBLISHED) {
            return new Page<>(List.of(), null);
        }
        Settings current = settings;
        String language = query.language() == null ? null : ArticleSearch.checkLanguage("language", query.language());
        return store.list(query, language, now().minus(current.reviewPeriod()), page, current.reviewPeriod());
    }

    @Override
    public Article update(String id, ArticleDraft draft, Long expectedVersion, String actor) {
        validator.validate(draft);
        Instant now = now();
        Article updated = publisher.changed(ArticleUpdated::new, () -> store.change(id, expectedVersion, settings.reviewPeriod(),
                entity -> {
                    ArticleLifecycle.checkEditable(id, entity.status());
                    ArticleRevisionEntity before = entity.snapshot(Ids.newId(), ArticlePublisher.actorOf(actor), now);
                    entity.apply(draft, now);
                    return before;
                }), actor);
        return updated;
    }

    @Override
    public Article publish(String id, String actor) {
        return move(id, ArticleStatus.PUBLISHED, ArticlePublished::new, actor);
    }

    @Override
    public Article archive(String id, String actor) {
        return move(id, ArticleStatus.ARCHIVED, ArticleArchived::new, actor);
    }

    private Article move(String id, ArticleStatus target, ArticlePublisher.Announcement announcement, String actor) {
        Instant now = now();
        Article moved = publisher.changed(announcement, () -> store.change(id, null, settings.reviewPeriod(), entity -> {
            ArticleLifecycle.checkMove(id, entity.status(), target);
            if (target == ArticleStatus.PUBLISHED) {
                ArticleLifecycle.checkPublishable(id, entity.rootCause(), entity.solution());
            }
            entity.moveTo(target, now);
            return null;
        }), actor);
        return moved;
    }

    @Override
    public Article markReviewed(String id, String actor) {
        Instant now = now();
        Article reviewed = store.change(id, null, settings.reviewPeriod(), entity -> {
            ArticleLifecycle.checkPublished(id, entity.status(), "reviewed");
            entity.reviewed(now);
            return null;
        });
        search.sync(List.of(id));
        return reviewed;
    }

    @Override
    public Page<ArticleRevision> versions(String id, PageRequest page) {
        return store.versions(id, page);
    }

    @Override
    public Article feedback(String id, boolean helpful) {
        Article voted = store.change(id, null, settings.reviewPeriod(), entity -> {
            ArticleLifecycle.checkPublished(id, entity.status(), "rated");
            entity.vote(helpful);
            return null;
        });
        search.sync(List.of(id));
        return voted;
    }

    long count() {
        return store.count();
    }

    // ---- search, intake, import: the other pieces ----

    @Override
    public SearchResult search(SearchRequest request) {
        return search.search(request);
    }

    @Override
    public SearchResult suggest(String text, ArticleCategory category, int limit) {
        return search.suggest(text, category, limit);
    }

    @Override
    public IntakeOutcome takeResolvedCase(ResolvedCase resolved) {
        return intake.take(resolved);
    }

    @Override
    public ImportReport importLibrary(InputStream json, boolean publish, String actor) {
        return bulkImport.importLibrary(json, publish, actor);
    }

    @Override
    public ImportReport importStarterLibrary(String actor) {
        return bulkImport.importStarterLibrary(actor);
    }

    @Override
    public IndexReport reindex() {
        return search.reconcile(true);
    }

    int indexedDocuments() {
        return search.indexedDocuments();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
