package org.calmdesk.customer.api;

import java.util.Optional;

import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;

/**
 * Customer records. Methods validate their input and throw the platform's domain exceptions
 * ({@code ValidationException}, {@code NotFoundException}, {@code ConflictException},
 * {@code StaleVersionException}); {@code actor} is the authenticated user, kept for the record.
 */
public interface CustomerService {

    Customer create(CustomerDraft draft, String actor);

    /** The customer, erased ones included (as tombstones). */
    Optional<Customer> find(String id);

    Optional<Customer> findByExternalRef(String externalRef);

    /** Live customers matching the query, oldest first, by keyset. */
    Page<Customer> list(CustomerQuery query, PageRequest page);

    /**
     * Replaces the writable fields.
     *
     * @param expectedVersion the If-Match version, or null for last-write-wins
     */
    Customer update(String id, CustomerDraft draft, Long expectedVersion, String actor);

    /** Creates or updates the customer a CRM knows by {@code externalRef}; concurrent calls create one. */
    UpsertResult upsertByExternalRef(String externalRef, CustomerDraft draft, String actor);

    /** Erases personal data, keeping an anonymous tombstone so references stay valid. Idempotent. */
    Customer erase(String id, String actor);

    Interaction recordInteraction(String customerId, InteractionDraft draft, String actor);

    Optional<Interaction> findInteraction(String customerId, String interactionId);

    /** Interactions, newest first, by keyset. */
    Page<Interaction> interactions(String customerId, PageRequest page);

    /**
     * Records the emotion module's reading of the customer: the derived {@code negativityScore} and
     * the inferred temperament. An agent's explicit temperament (set through {@link #update} or
     * {@link #create}) wins over the inference until the evidence changes: it is kept while
     * {@code evidence} equals the fingerprint last recorded before the agent's choice, and
     * replaced by a known inferred temperament once a different fingerprint arrives. Nothing is
     * written (and no event posted) when nothing changes.
     *
     * @param negativityScore 0-100
     * @param inferred        the inferred temperament; UNKNOWN when the evidence does not say
     * @param evidence        an opaque fingerprint of the evidence the reading rests on (e.g. the
     *                        number of contacts and the latest one's id)
     * @throws org.calmdesk.core.error.ValidationException for a score outside 0-100
     * @throws org.calmdesk.core.error.NotFoundException    for an unknown customer
     * @throws org.calmdesk.core.error.ConflictException    for an erased one
     * @since 1.1
     */
    Customer updateEmotionalProfile(String id, int negativityScore, Temperament inferred, String evidence, String actor);

    /**
     * Merges customer {@code sourceId} into {@code targetId}: the source's interactions move to the
     * target at once, the source becomes a tombstone whose {@code mergedInto} is the target (its
     * {@code externalRef} reaches the target on upsert), and {@code calmdesk/customer/MERGED} is
     * appended in the same transaction so every other module moves its records. Merging a source
     * that is already merged into this target returns the target and posts nothing.
     *
     * @return the target
     * @throws org.calmdesk.core.error.ValidationException for a missing source or a customer merged into itself
     * @throws org.calmdesk.core.error.NotFoundException   for an unknown source or target
     * @throws org.calmdesk.core.error.ConflictException   when either is erased, the target is itself merged,
     *                                                     or the source was merged into another customer
     * @since 1.3
     */
    Customer merge(String targetId, String sourceId, String actor);

    /**
     * Likely duplicates of a live customer, best first: the same normalised phone (+86/0086,
     * spaces and dashes ignored) or e-mail (case and a {@code +tag} ignored), or the same name.
     *
     * @param limit at most this many (1-100)
     * @throws org.calmdesk.core.error.NotFoundException for an unknown customer
     * @since 1.3
     */
    java.util.List<DuplicateCandidate> duplicates(String id, int limit);
}
