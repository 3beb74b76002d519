package org.calmdesk.knowledge.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;

import org.calmdesk.core.Ids;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.StaleVersionException;
import org.calmdesk.core.paging.Cursor;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.persistence.QueryBuilder;
import org.calmdesk.core.persistence.QueryBuilder.SortKey;
import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.knowledge.api.Article;
import org.calmdesk.knowledge.api.ArticleDraft;
import org.calmdesk.knowledge.api.ArticleQuery;
import org.calmdesk.knowledge.api.ArticleRevision;
import org.calmdesk.knowledge.api.ArticleStatus;
import org.calmdesk.knowledge.api.IntakeOutcome;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The articles, their revisions and the ticket intake records in the {@code calmdesk.knowledge}
 * unit: every query and transaction of the module (the search index is a copy, see
 * {@link ArticleSearch}). An article is read as of a review period, which decides whether it is
 * due for review; callers pass the one currently configured. A service of the bundle's internal
 * package only.
 */
@Component(service = ArticleStore.class)
public class ArticleStore {

    private final Transactions tx;

    @Activate
    public ArticleStore(@Reference(target = "(osgi.unit.name=calmdesk.knowledge)") EntityManagerFactory emf) {
        this.tx = new Transactions(emf);
    }

    /**
     * Runs {@code work} as one transaction of this unit: the store's writes it makes join it, and
     * so do the events it appends ({@link org.calmdesk.core.events.EventLog#append}); retried whole
     * when it lost a race.
     */
    <T> T atomically(java.util.function.Supplier<T> work) {
        return tx.inTransaction(em -> work.get());
    }

    // ---- writes ----

    Article insert(ArticleDraft draft, Instant now, Duration reviewPeriod) {
        return tx.inTransaction(em -> {
            ArticleEntity entity = new ArticleEntity(Ids.newId(), now);
            entity.apply(draft, now);
            em.persist(entity);
            em.flush();
            return entity.toDto(reviewPeriod);
        });
    }

    /**
     * Changes one article under its row lock in one transaction. The change may return a revision
     * (the content before an edit) to keep in the same transaction.
     *
     * @param expectedVersion the version the caller read, or null to change whatever is current
     */
    Article change(String id, Long expectedVersion, Duration reviewPeriod, Function<ArticleEntity, ArticleRevisionEntity> change) {
        return tx.inTransaction(em -> {
            ArticleEntity entity = em.find(ArticleEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (entity == null) {
                throw new NotFoundException("Article", id);
            }
            if (expectedVersion != null && expectedVersion != entity.version()) {
                throw new StaleVersionException(expectedVersion, entity.version());
            }
            ArticleRevisionEntity revision = change.apply(entity);
            if (revision != null) {
                em.persist(revision);
            }
            em.flush();
            return entity.toDto(reviewPeriod);
        });
    }

    /**
     * Takes a resolved case once per intake key: counts a use of the published article that
     * already covers it, or else drafts {@code draft} from it. A retried or concurrent intake of
     * the same case finds the intake record (its key is unique) and changes nothing.
     *
     * @param coveringArticleId the published article found to cover the case, or null
     */
    IntakeOutcome takeCase(String key, String ticketId, String coveringArticleId, ArticleDraft draft, Instant now,
            Duration reviewPeriod) {
        return tx.inTransaction(em -> {
            IntakeEntity taken = em.find(IntakeEntity.class, key);
            if (taken != null) {
                ArticleEntity article = em.find(ArticleEntity.class, taken.articleId());
                return new IntakeOutcome(IntakeOutcome.Result.ALREADY_TAKEN, article == null ? null : article.toDto(reviewPeriod));
            }
            ArticleEntity article = Optional.ofNullable(coveringArticleId)
                    .map(id -> em.find(ArticleEntity.class, id, LockModeType.PESSIMISTIC_WRITE))
                    .filter(a -> a.status() == ArticleStatus.PUBLISHED).orElse(null);
            IntakeOutcome.Result result;
            if (article != null) {
                article.used(now);
                result = IntakeOutcome.Result.COUNTED;
            } else {
                article = new ArticleEntity(Ids.newId(), now);
                article.apply(draft, now);
                article.origin(ticketId, null);
                em.persist(article);
                result = IntakeOutcome.Result.DRAFTED;
            }
            em.persist(new IntakeEntity(key, ticketId, article.id(), result.name(), now));
            em.flush();
            return new IntakeOutcome(result, article.toDto(reviewPeriod));
        });
    }

    /**
     * Inserts the imported articles whose key is new, in one transaction; returns their ids. A
     * concurrent import of the same keys makes it retry, and the retry skips what the other created.
     */
    List<String> insertImported(List<LibraryImporter.Entry> entries, boolean publish, Instant now) {
        return tx.inTransaction(em -> {
            Set<String> existing = new HashSet<>(em.createQuery(
                    "SELECT a.importKey FROM ArticleEntity a WHERE a.importKey IN :keys", String.class)
                    .setParameter("keys", entries.stream().map(LibraryImporter.Entry::key).toList()).getResultList());
            List<String> ids = new ArrayList<>();
            for (LibraryImporter.Entry entry : entries) {
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
        });
    }

    // ---- reads ----

    Optional<Article> find(String id, Duration reviewPeriod) {
        return tx.read(em -> Optional.ofNullable(em.find(ArticleEntity.class, id)).map(a -> a.toDto(reviewPeriod)));
    }

    /**
     * One page of articles in id order.
     *
     * @param language     the query's language, already checked
     * @param reviewBefore with {@code query.reviewDue()}: only published articles last reviewed at or before it
     */
    Page<Article> list(ArticleQuery query, String language, Instant reviewBefore, PageRequest page, Duration reviewPeriod) {
        QueryBuilder jpql = QueryBuilder.select("SELECT a FROM ArticleEntity a")
                .filter("a.status = :status", "status", query.reviewDue() ? ArticleStatus.PUBLISHED : query.status())
                .whereIf(query.reviewDue(), "a.reviewBaseAt <= :reviewBefore", "reviewBefore", reviewBefore)
                .filter("a.content.category = :category", "category", query.category())
                .filter("a.content.language = :language", "language", language)
                // the delimiters are control characters, which trimming would strip: not filterContains
                .whereIf(query.tag() != null && !query.tag().isBlank(), QueryBuilder.likeClause("a.content.tagsText", "tag"),
                        "tag", query.tag() == null ? null
                                : QueryBuilder.containing(TextLists.TAG_DELIMITER + query.tag().trim() + TextLists.TAG_DELIMITER))
                .filter("a.sourceTicketId = :source", "source", query.sourceTicketId())
                .orderBy(page, SortKey.ascending("a.id"));
        return tx.read(em -> jpql.page(em, ArticleEntity.class, page, a -> Cursor.of(a.id())).map(a -> a.toDto(reviewPeriod)));
    }

    Page<ArticleRevision> versions(String id, PageRequest page) {
        QueryBuilder jpql = QueryBuilder.select("SELECT r FROM ArticleRevisionEntity r")
                .where("r.articleId = :id", "id", id)
                .orderBy(page, SortKey.descending("r.version").number());
        return tx.read(em -> {
            if (em.find(ArticleEntity.class, id) == null) {
                throw new NotFoundException("Article", id);
            }
            return jpql.page(em, ArticleRevisionEntity.class, page, r -> Cursor.of(Long.toString(r.version())))
                    .map(ArticleRevisionEntity::toDto);
        });
    }

    /** The articles with these ids that exist, in no particular order. */
    List<Article> load(Collection<String> ids, Duration reviewPeriod) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return tx.read(em -> em.createQuery("SELECT a FROM ArticleEntity a WHERE a.id IN :ids", ArticleEntity.class)
                .setParameter("ids", List.copyOf(ids)).getResultList().stream().map(a -> a.toDto(reviewPeriod)).toList());
    }

    /** Up to {@code max} (id, version) pairs with ids after {@code afterId} (null: from the start), by id. */
    List<Map.Entry<String, Long>> versionsAfter(String afterId, int max) {
        QueryBuilder jpql = QueryBuilder.select("SELECT a.id, a.version FROM ArticleEntity a")
                .filter("a.id > :after", "after", afterId)
                .orderBy((Cursor) null, SortKey.ascending("a.id"));
        return tx.read(em -> jpql.query(em, Object[].class).setMaxResults(max).getResultList().stream()
                .<Map.Entry<String, Long>>map(row -> new AbstractMap.SimpleImmutableEntry<>((String) row[0],
                        ((Number) row[1]).longValue()))
                .toList());
    }

    long count() {
        return tx.read(em -> em.createQuery("SELECT COUNT(a) FROM ArticleEntity a", Long.class).getSingleResult());
    }
}
