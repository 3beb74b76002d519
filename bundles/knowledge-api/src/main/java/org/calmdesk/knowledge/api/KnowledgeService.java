package org.calmdesk.knowledge.api;

import java.io.InputStream;
import java.util.Optional;

import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;

/**
 * The problem library. Methods validate their input and throw the platform's domain exceptions
 * ({@code ValidationException}, {@code NotFoundException}, {@code ConflictException} for an illegal
 * state move, {@code StaleVersionException}); {@code actor} is the authenticated user. The database
 * is the truth; the full-text index follows it.
 */
public interface KnowledgeService {

    /** A new DRAFT article. */
    Article create(ArticleDraft draft, String actor);

    Optional<Article> find(String id);

    /** Articles matching the filters, oldest first, by keyset. */
    Page<Article> list(ArticleQuery query, PageRequest page);

    /**
     * Replaces the writable fields of a DRAFT or PUBLISHED article, keeping the replaced version.
     *
     * @param expectedVersion the If-Match version, or null for last-write-wins
     */
    Article update(String id, ArticleDraft draft, Long expectedVersion, String actor);

    /** DRAFT -> PUBLISHED; needs a root cause and a solution. */
    Article publish(String id, String actor);

    /** DRAFT or PUBLISHED -> ARCHIVED. */
    Article archive(String id, String actor);

    /** Records that a PUBLISHED article was reviewed now: its next review is one period away. */
    Article markReviewed(String id, String actor);

    /** Earlier versions of an article, newest first, by keyset. */
    Page<ArticleRevision> versions(String id, PageRequest page);

    /** Counts one helpful or not-helpful vote on a PUBLISHED article. */
    Article feedback(String id, boolean helpful);

    /** Ranked full-text search (Chinese and English). */
    SearchResult search(SearchRequest request);

    /** Published articles that best match a case described in free text. */
    SearchResult suggest(String text, ArticleCategory category, int limit);

    /**
     * Learns from a resolved ticket: a DRAFT article with {@code sourceTicketId}, unless a published
     * article already covers the case (then its usage count goes up). Idempotent per ticket resolution.
     */
    IntakeOutcome takeResolvedCase(ResolvedCase resolved);

    /**
     * Imports articles from a JSON library file (an array of articles, each with a stable {@code key});
     * articles whose key was imported before are skipped. {@code publish} publishes the new ones.
     */
    ImportReport importLibrary(InputStream json, boolean publish, String actor);

    /** Imports the starter library shipped with the module (idempotent). */
    ImportReport importStarterLibrary(String actor);

    /** Rebuilds the search index from the database; searches keep working meanwhile. */
    IndexReport reindex();
}
