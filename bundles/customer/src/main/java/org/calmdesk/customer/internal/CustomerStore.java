package org.calmdesk.customer.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;

import org.calmdesk.core.Ids;
import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.StaleVersionException;
import org.calmdesk.core.paging.Cursor;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.persistence.DatabaseProduct;
import org.calmdesk.core.persistence.QueryBuilder;
import org.calmdesk.core.persistence.QueryBuilder.SortKey;
import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerDraft;
import org.calmdesk.customer.api.CustomerQuery;
import org.calmdesk.customer.api.Interaction;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.customer.api.UpsertResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The customers and their interactions in the {@code calmdesk.customer} unit: every query and
 * transaction of the module. Writers lock the row (SELECT ... FOR UPDATE), so concurrent
 * last-write-wins updates queue up instead of failing on the version check; an erased customer
 * takes no more changes (409). A service of the bundle's internal package only.
 */
@Component(service = CustomerStore.class)
public class CustomerStore {

    private final Transactions tx;

    @Activate
    public CustomerStore(@Reference(target = "(osgi.unit.name=calmdesk.customer)") EntityManagerFactory emf) {
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

    /** What a change did: the customer after it, and whether anything changed. */
    record Changed(Customer customer, boolean changed) {
    }

    // ---- writes ----

    Customer insert(CustomerDraft draft, Instant now) {
        return tx.inTransaction(em -> {
            rejectTakenExternalRef(em, draft.externalRef(), null);
            CustomerEntity entity = new CustomerEntity(Ids.newId(), now);
            entity.apply(draft, now);
            em.persist(entity);
            em.flush();
            return entity.toDto();
        });
    }

    /** @param expectedVersion the version the caller read, or null to change whatever is current */
    Customer update(String id, Long expectedVersion, CustomerDraft draft, Instant now) {
        return tx.inTransaction(em -> {
            CustomerEntity entity = live(em, id, LockModeType.PESSIMISTIC_WRITE);
            if (expectedVersion != null && expectedVersion != entity.version()) {
                throw new StaleVersionException(expectedVersion, entity.version());
            }
            rejectTakenExternalRef(em, draft.externalRef(), id);
            entity.apply(draft, now);
            em.flush();
            return entity.toDto();
        });
    }

    /**
     * Creates or updates the customer of {@code draft.externalRef()}. A concurrent upsert of the
     * same ref makes one insert fail on the unique key; the retry then finds the row the other
     * request created and updates it.
     */
    UpsertResult upsertByExternalRef(CustomerDraft draft, Instant now) {
        return tx.inTransaction(em -> {
            Optional<CustomerEntity> existing = byExternalRef(em, draft.externalRef(), LockModeType.PESSIMISTIC_WRITE);
            if (existing.isPresent() && existing.get().mergedInto() != null) {
                // The ref of a merged customer reaches the customer it was merged into, which keeps its own ref.
                CustomerEntity target = live(em, existing.get().mergedInto(), LockModeType.PESSIMISTIC_WRITE);
                target.apply(draft.withExternalRef(target.externalRef()), now);
                em.flush();
                return new UpsertResult(target.toDto(), false);
            }
            CustomerEntity entity = existing.orElseGet(() -> new CustomerEntity(Ids.newId(), now));
            entity.apply(draft, now);
            if (existing.isEmpty()) {
                em.persist(entity);
            }
            em.flush();
            return new UpsertResult(entity.toDto(), existing.isEmpty());
        });
    }

    /** Changes a live customer under its row lock; the change says whether it changed anything. */
    Changed changeLive(String id, Predicate<CustomerEntity> change) {
        return tx.inTransaction(em -> {
            CustomerEntity entity = live(em, id, LockModeType.PESSIMISTIC_WRITE);
            boolean changed = change.test(entity);
            em.flush();
            return new Changed(entity.toDto(), changed);
        });
    }

    /**
     * Erases the customer (a tombstone stays) and replaces their interaction summaries with
     * {@code marker}; an erased customer is erased again without change.
     */
    Changed erase(String id, String marker, Instant now) {
        return tx.inTransaction(em -> {
            CustomerEntity entity = em.find(CustomerEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (entity == null) {
                throw new NotFoundException("Customer", id);
            }
            boolean changed = !entity.erased();
            if (changed) {
                entity.erase(now);
                em.createQuery("UPDATE InteractionEntity i SET i.summary = :erased, i.recordedBy = NULL "
                        + "WHERE i.customerId = :id").setParameter("erased", marker).setParameter("id", id).executeUpdate();
                em.flush();
            }
            return new Changed(entity.toDto(), changed);
        });
    }

    /** What a merge did: the target after it, and whether it merged anything (false when the source was merged into it before). */
    record Merged(Customer target, boolean changed) {
    }

    /**
     * Merges {@code sourceId} into {@code targetId} under both rows' locks (taken in id order): the
     * source becomes a tombstone pointing at the target, its interactions move to the target, the
     * customers merged into it before now point at the target, and its externalRef moves to the
     * target when the target has none (else it stays on the source as an alias that upserts follow).
     */
    Merged merge(String targetId, String sourceId, Instant now) {
        return tx.inTransaction(em -> {
            boolean targetFirst = targetId.compareTo(sourceId) < 0;
            CustomerEntity first = em.find(CustomerEntity.class, targetFirst ? targetId : sourceId, LockModeType.PESSIMISTIC_WRITE);
            CustomerEntity second = em.find(CustomerEntity.class, targetFirst ? sourceId : targetId, LockModeType.PESSIMISTIC_WRITE);
            CustomerEntity target = targetFirst ? first : second;
            CustomerEntity source = targetFirst ? second : first;
            if (target == null) {
                throw new NotFoundException("Customer", targetId);
            }
            if (source == null) {
                throw new NotFoundException("Customer", sourceId);
            }
            if (targetId.equals(source.mergedInto())) {
                return new Merged(target.toDto(), false);
            }
            rejectUnmergeable(target, "target");
            rejectUnmergeable(source, "source");
            String ref = source.externalRef();
            if (ref != null && target.externalRef() == null) {
                source.releaseExternalRef();
                em.flush(); // the unique key: the source lets go before the target takes it
                target.adoptExternalRef(ref, now);
            }
            source.mergeInto(targetId, now);
            em.flush();
            em.createQuery("UPDATE InteractionEntity i SET i.customerId = :target WHERE i.customerId = :source")
                    .setParameter("target", targetId).setParameter("source", sourceId).executeUpdate();
            em.createQuery("UPDATE CustomerEntity c SET c.mergedInto = :target WHERE c.mergedInto = :source")
                    .setParameter("target", targetId).setParameter("source", sourceId).executeUpdate();
            return new Merged(target.toDto(), true);
        });
    }

    private static void rejectUnmergeable(CustomerEntity entity, String role) {
        if (entity.erased()) {
            throw new ConflictException("The " + role + " customer '" + entity.id() + "' has been erased",
                    Map.of("currentStatus", "ERASED"));
        }
        if (entity.mergedInto() != null) {
            throw new ConflictException("The " + role + " customer '" + entity.id() + "' has been merged into '"
                    + entity.mergedInto() + "'", Map.of("currentStatus", "MERGED", "mergedInto", entity.mergedInto()));
        }
    }

    /**
     * What {@link #sharingKeys} and the scoring need of a customer: its id, name, e-mail, phone and
     * whether it was erased or merged (the rest left empty), from one row's few columns, not the whole
     * customer and its tags.
     */
    Optional<Customer> keysOf(String id) {
        return tx.read(em -> em.createQuery("SELECT c.name, c.email, c.phone, c.erasedAt, c.mergedInto FROM CustomerEntity c"
                + " WHERE c.id = :id", Object[].class).setParameter("id", id).getResultList().stream().findFirst()
                .map(row -> new Customer(id, null, (String) row[0], (String) row[1], (String) row[2], null, null, null, 0,
                        java.util.List.of(), null, row[3] != null, (String) row[4], null, null, 0)));
    }

    /** What a customer's DTO shows, in plain SQL (not the search, filter and evidence columns). */
    private static final String DTO_COLUMNS = "id, external_ref, name, email, phone, language, segment, temperament,"
            + " negativity_score, notes, merged_into, created_at, updated_at, version";

    /**
     * Live customers sharing one of the keys, the most recently updated first: up to
     * {@code perContactKey} for the phone and the e-mail key each, up to {@code perNameKey} for the
     * name and its sound each; without their tags ({@link #withTags} adds them to the few that rank).
     * At a million customers a common name or sound is shared by a hundred to five hundred customers:
     * reading each as an entity, then the winners again, was most of the answer's time (JFR: EclipseLink
     * building objects and printing an IN query per call). One statement of indexed lookups instead.
     */
    java.util.List<Customer> sharingKeys(String phoneKey, String emailKey, String nameKey, String nameSound,
            int perContactKey, int perNameKey) {
        if (phoneKey == null && emailKey == null && nameKey == null && nameSound == null) {
            return java.util.List.of();
        }
        return tx.read(em -> {
            java.util.List<String> lookups = new java.util.ArrayList<>();
            java.util.List<Object> parameters = new java.util.ArrayList<>();
            for (Object[] key : new Object[][] { { "phone_normalized", phoneKey, perContactKey },
                    { "email_normalized", emailKey, perContactKey }, { "name_normalized", nameKey, perNameKey },
                    { "name_sound", nameSound, perNameKey } }) {
                if (key[1] != null) {
                    lookups.add("(SELECT " + DTO_COLUMNS + " FROM customer_record WHERE " + key[0] + " = ?"
                            + " AND erased_at IS NULL AND " + notMerged("merged_into", postgres(em)) + " ORDER BY updated_at DESC, id"
                            + " FETCH FIRST " + key[2] + " ROWS ONLY)");
                    parameters.add(key[1]);
                }
            }
            javax.persistence.Query query = em.createNativeQuery(String.join(" UNION ALL ", lookups));
            for (int p = 0; p < parameters.size(); p++) {
                query.setParameter(p + 1, parameters.get(p));
            }
            java.util.List<Customer> found = new java.util.ArrayList<>();
            for (Object row : query.getResultList()) {
                found.add(liveCustomerOf((Object[]) row));
            }
            return found;
        });
    }

    /** A row of {@link #DTO_COLUMNS} of a live customer, without its tags. */
    private static Customer liveCustomerOf(Object[] row) {
        return new Customer((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                (String) row[5], (String) row[6], Temperament.valueOf((String) row[7]), ((Number) row[8]).intValue(),
                java.util.List.of(), (String) row[9], false, (String) row[10], ((java.sql.Timestamp) row[11]).toInstant(),
                ((java.sql.Timestamp) row[12]).toInstant(), ((Number) row[13]).longValue());
    }

    /** The same customers with their tags, in one read. */
    java.util.List<Customer> withTags(java.util.List<Customer> customers) {
        if (customers.isEmpty()) {
            return customers;
        }
        Map<String, java.util.List<String>> tags = new java.util.HashMap<>();
        tx.read(em -> {
            javax.persistence.Query query = em.createNativeQuery("SELECT customer_id, tag FROM customer_tag WHERE customer_id IN ("
                    + String.join(", ", java.util.Collections.nCopies(customers.size(), "?")) + ") ORDER BY customer_id, position");
            for (int p = 0; p < customers.size(); p++) {
                query.setParameter(p + 1, customers.get(p).id());
            }
            for (Object row : query.getResultList()) {
                Object[] columns = (Object[]) row;
                tags.computeIfAbsent((String) columns[0], id -> new java.util.ArrayList<>()).add((String) columns[1]);
            }
            return null;
        });
        return customers.stream().map(c -> new Customer(c.id(), c.externalRef(), c.name(), c.email(), c.phone(), c.language(),
                c.segment(), c.temperament(), c.negativityScore(), java.util.List.copyOf(tags.getOrDefault(c.id(), java.util.List.of())),
                c.notes(), c.erased(), c.mergedInto(), c.createdAt(), c.updatedAt(), c.version())).toList();
    }

    /** What one backfill batch did: how many rows it filled and the last of their ids. */
    record Filled(int count, String lastId) {
    }

    /**
     * Gives up to {@code batch} customers after {@code afterId} (in id order; "" for the first) that
     * have a name but no {@link NameSound} yet (rows from before the column) theirs; fewer than
     * {@code batch} filled: none is left after it. The customer's version and updatedAt stay as they
     * were: nothing a client sees has changed. Keyset from the last id, not from the start: each
     * filled row leaves a dead entry under NULL in the (name_sound, id) index until vacuum, and a
     * scan from the start stepped over all of them, slowing every batch down as the backfill went on.
     */
    Filled fillNameSounds(String afterId, int batch) {
        return tx.inTransaction(em -> {
            java.util.List<Object[]> rows = em.createQuery("SELECT c.id, c.name FROM CustomerEntity c WHERE c.nameSound IS NULL"
                    + " AND c.id > :after AND c.nameNormalized IS NOT NULL ORDER BY c.id", Object[].class)
                    .setParameter("after", afterId).setMaxResults(batch).getResultList();
            if (rows.isEmpty()) {
                return new Filled(0, afterId);
            }
            // Plain JDBC, one batch on the transaction's connection: EclipseLink's bulk JPQL update would
            // raise the version as if the customer had changed, and one native query per row filled
            // about 950 rows/s, 20 minutes for a million customers.
            try (PreparedStatement update = em.unwrap(Connection.class)
                    .prepareStatement("UPDATE customer_record SET name_sound = ? WHERE id = ? AND name_sound IS NULL")) {
                for (Object[] row : rows) {
                    String sound = NameSound.of((String) row[1]);
                    update.setString(1, sound == null ? "" : sound);
                    update.setString(2, (String) row[0]);
                    update.addBatch();
                }
                update.executeBatch();
            } catch (SQLException e) {
                throw new PersistenceException("Filling names' pinyin failed", e);
            }
            return new Filled(rows.size(), (String) rows.get(rows.size() - 1)[0]);
        });
    }

    /** Records an interaction of a live customer. */
    Interaction insertInteraction(String customerId, InteractionEntity interaction) {
        return tx.inTransaction(em -> {
            live(em, customerId, LockModeType.NONE);
            em.persist(interaction);
            return interaction.toDto();
        });
    }

    // ---- reads ----

    Optional<Customer> find(String id) {
        return tx.read(em -> Optional.ofNullable(em.find(CustomerEntity.class, id)).map(CustomerEntity::toDto));
    }

    Optional<Customer> findByExternalRef(String externalRef) {
        return tx.read(em -> byExternalRef(em, externalRef, LockModeType.NONE)
                .map(c -> c.mergedInto() == null ? c : Optional.ofNullable(em.find(CustomerEntity.class, c.mergedInto())).orElse(c))
                .map(CustomerEntity::toDto));
    }

    /** Live customers by text (name, contacts, ref; a phone-like text also by its digits), temperament, segment and tag. */
    Page<Customer> list(CustomerQuery query, PageRequest page) {
        String q = query.q() == null ? "" : query.q().trim().toLowerCase(Locale.ROOT);
        String digits = CustomerEntity.digitsOf(q);
        boolean phoneLike = q.matches("[0-9+()\\-. ]+") && digits.length() >= 3;
        return tx.read(em -> {
            // Two Chinese characters have no trigram: on PostgreSQL, the same match by the index of
            // each customer's character pairs (changeset 6), naming the indexed expression itself so
            // that a generic plan of the prepared statement uses the index too.
            boolean onPostgres = postgres(em);
            boolean pairIndexed = isNonAsciiPair(q) && onPostgres;
            QueryBuilder jpql = listQuery(query, pairIndexed ? "" : q, digits, phoneLike, onPostgres)
                    .whereIf(pairIndexed, "SQL('customer_search_pair_array(?) @> ARRAY[CAST(? AS text)]', c.searchText, :pair)", "pair", q)
                    .orderBy(page, SortKey.ascending("c.id"));
            return jpql.page(em, CustomerEntity.class, page, c -> Cursor.of(c.id())).map(CustomerEntity::toDto);
        });
    }

    private static QueryBuilder listQuery(CustomerQuery query, String q, String digits, boolean phoneLike, boolean onPostgres) {
        boolean digitGrams = phoneLike && onPostgres;
        return QueryBuilder.select("SELECT c FROM CustomerEntity c")
                .where("c.erasedAt IS NULL")
                .where(notMerged("c.mergedInto", onPostgres))
                .whereIf(!q.isEmpty() && !phoneLike, QueryBuilder.likeClause("c.searchText", "q"),
                        "q", QueryBuilder.containing(q))
                .whereIf(!q.isEmpty() && phoneLike && !q.equals(digits), "(" + phoneMatch("q", q, digitGrams) + " OR "
                        + phoneMatch("digits", digits, digitGrams) + ")",
                        "q", QueryBuilder.containing(q), "digits", "%" + digits + "%")
                .whereIf(!q.isEmpty() && phoneLike && q.equals(digits), phoneMatch("digits", digits, digitGrams),
                        "digits", "%" + digits + "%")
                .filter("c.temperament = :temperament", "temperament", query.temperament())
                .filter("c.segment = :segment", "segment", query.segment())
                // the delimiters are control characters, which trimming would strip: not filterContains
                .whereIf(query.tag() != null && !query.tag().isBlank(), QueryBuilder.likeClause("c.tagFilter", "tag"),
                        "tag", query.tag() == null ? null : QueryBuilder.containing(
                                CustomerEntity.TAG_DELIMITER + query.tag().trim() + CustomerEntity.TAG_DELIMITER));
    }

    /**
     * The search text contains the LIKE pattern {@code parameter} (of {@code text}). On PostgreSQL,
     * when the text has a run of 4 digits or more, first the customers with all its digit 4-grams,
     * from their index (changeset 7): a phone fragment's trigrams are each shared by some ten
     * thousand customers, its 4-grams by about a thousand.
     */
    private static String phoneMatch(String parameter, String text, boolean digitGrams) {
        String like = QueryBuilder.likeClause("c.searchText", parameter);
        return digitGrams && LONG_DIGIT_RUN.matcher(text).find()
                ? "(SQL('customer_digit_grams(?) @> customer_digit_grams(CAST(? AS text))', c.searchText, :" + parameter + ") AND "
                        + like + ")"
                : like;
    }

    /**
     * Not merged into another customer. H2 plans "merged_into IS NULL" as a look-up in that
     * column's index (kept for merges), though it matches nearly every customer: a list page or a
     * duplicate key's look-up then read all of them (EXPLAIN: 2,001 rows for a page of 20). Written
     * so that no index applies, H2 walks the key or the filter's index and stops at the page's end.
     * PostgreSQL's statistics never take that index for IS NULL.
     */
    private static String notMerged(String column, boolean onPostgres) {
        return onPostgres ? column + " IS NULL" : "COALESCE(" + column + ", '') = ''";
    }

    private static final Pattern LONG_DIGIT_RUN = Pattern.compile("[0-9]{4}");

    /** Exactly two characters, neither ASCII: what customer_search_pair_array indexes (changeset 6). */
    static boolean isNonAsciiPair(String q) {
        return q.codePointCount(0, q.length()) == 2 && q.codePoints().allMatch(c -> c > 0x7f);
    }

    private volatile Boolean postgres;

    private boolean postgres(EntityManager em) {
        Boolean known = postgres;
        if (known == null) {
            known = DatabaseProduct.isPostgres(em);
            postgres = known;
        }
        return known;
    }

    /** The customer's interactions, latest first. */
    Page<Interaction> interactions(String customerId, PageRequest page) {
        QueryBuilder jpql = QueryBuilder.select("SELECT i FROM InteractionEntity i")
                .where("i.customerId = :customer", "customer", customerId)
                .orderBy(page, SortKey.descending("i.occurredAt").instant(), SortKey.descending("i.id"));
        return tx.read(em -> {
            if (em.find(CustomerEntity.class, customerId) == null) {
                throw new NotFoundException("Customer", customerId);
            }
            return jpql.page(em, InteractionEntity.class, page, i -> Cursor.of(i.occurredAt().toString(), i.id()))
                    .map(InteractionEntity::toDto);
        });
    }

    Optional<Interaction> findInteraction(String customerId, String interactionId) {
        return tx.read(em -> Optional.ofNullable(em.find(InteractionEntity.class, interactionId))
                .map(InteractionEntity::toDto).filter(i -> i.customerId().equals(customerId)));
    }

    // ---- helpers ----

    private static CustomerEntity live(EntityManager em, String id, LockModeType lock) {
        CustomerEntity entity = em.find(CustomerEntity.class, id, lock);
        if (entity == null) {
            throw new NotFoundException("Customer", id);
        }
        if (entity.erased()) {
            throw new ConflictException("Customer '" + id + "' has been erased");
        }
        if (entity.mergedInto() != null) {
            throw new ConflictException("Customer '" + id + "' has been merged into '" + entity.mergedInto() + "'",
                    Map.of("currentStatus", "MERGED", "mergedInto", entity.mergedInto()));
        }
        return entity;
    }

    private static Optional<CustomerEntity> byExternalRef(EntityManager em, String externalRef, LockModeType lock) {
        if (externalRef == null || externalRef.isBlank()) {
            return Optional.empty();
        }
        return em.createQuery("SELECT c FROM CustomerEntity c WHERE c.externalRef = :ref", CustomerEntity.class)
                .setParameter("ref", externalRef.trim()).setLockMode(lock).getResultStream().findFirst();
    }

    private static void rejectTakenExternalRef(EntityManager em, String externalRef, String ownId) {
        byExternalRef(em, externalRef, LockModeType.NONE).filter(other -> !other.id().equals(ownId)).ifPresent(other -> {
            throw new ConflictException("externalRef '" + externalRef.trim() + "' already belongs to another customer",
                    Map.of("existingId", other.id()));
        });
    }
}
