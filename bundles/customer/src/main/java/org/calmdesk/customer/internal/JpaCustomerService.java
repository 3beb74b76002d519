package org.calmdesk.customer.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerDraft;
import org.calmdesk.customer.api.CustomerEvents;
import org.calmdesk.customer.api.CustomerQuery;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.api.Interaction;
import org.calmdesk.customer.api.InteractionDraft;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.customer.api.UpsertResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Customer records in the {@code calmdesk.customer} persistence unit. */
@Component(service = CustomerService.class)
public class JpaCustomerService implements CustomerService {

    /** Clock skew tolerated for a client-supplied {@code occurredAt}. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final Transactions tx;
    private final BeanValidator validator;
    private final EventAdmin events;
    private final Clock clock;

    @Activate
    public JpaCustomerService(
            @Reference(target = "(osgi.unit.name=calmdesk.customer)") EntityManagerFactory emf,
            @Reference BeanValidator validator,
            @Reference EventAdmin events) {
        this(emf, validator, events, Clock.systemUTC());
    }

    JpaCustomerService(EntityManagerFactory emf, BeanValidator validator, EventAdmin events, Clock clock) {
        this.tx = new Transactions(emf);
        this.validator = validator;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Customer create(CustomerDraft draft, String actor) {
        validator.validate(draft);
        Customer created = tx.inTransaction(em -> {
            rejectTakenExternalRef(em, draft.externalRef(), null);
            Instant now = now();
            CustomerEntity entity = new CustomerEntity(Ids.newId(), now);
            entity.apply(draft, now);
            em.persist(entity);
            em.flush();
            return entity.toDto();
        });
        post(CustomerEvents.CREATED, created, actor);
        return created;
    }

    @Override
    public Optional<Customer> find(String id) {
        return tx.read(em -> Optional.ofNullable(em.find(CustomerEntity.class, id)).map(CustomerEntity::toDto));
    }

    @Override
    public Optional<Customer> findByExternalRef(String externalRef) {
        return tx.read(em -> byExternalRef(em, externalRef).map(CustomerEntity::toDto));
    }

    @Override
    public Page<Customer> list(CustomerQuery query, PageRequest page) {
        StringBuilder jpql = new StringBuilder("SELECT c FROM CustomerEntity c WHERE c.erasedAt IS NULL");
        Map<String, Object> params = new HashMap<>();
        String q = query.q() == null ? null : query.q().trim().toLowerCase(Locale.ROOT);
        if (q != null && !q.isEmpty()) {
            String digits = CustomerEntity.digitsOf(q);
            boolean phoneLike = q.matches("[0-9+()\\-. ]+") && digits.length() >= 3;
            jpql.append(phoneLike ? " AND (c.searchText LIKE :q ESCAPE '\\' OR c.searchText LIKE :digits ESCAPE '\\')"
                    : " AND c.searchText LIKE :q ESCAPE '\\'");
            params.put("q", "%" + escapeLike(q) + "%");
            if (phoneLike) {
                params.put("digits", "%" + digits + "%");
            }
        }
        if (query.temperament() != null) {
            jpql.append(" AND c.temperament = :temperament");
            params.put("temperament", query.temperament());
        }
        if (query.segment() != null && !query.segment().isBlank()) {
            jpql.append(" AND c.segment = :segment");
            params.put("segment", query.segment().trim());
        }
        if (query.tag() != null && !query.tag().isBlank()) {
            jpql.append(" AND c.tagFilter LIKE :tag ESCAPE '\\'");
            params.put("tag", "%" + escapeLike(CustomerEntity.TAG_DELIMITER + query.tag().trim() + CustomerEntity.TAG_DELIMITER) + "%");
        }
        if (page.after() != null) {
            jpql.append(" AND c.id > :after");
            params.put("after", page.after().key(0));
        }
        jpql.append(" ORDER BY c.id");
        return tx.read(em -> {
            TypedQuery<CustomerEntity> typed = em.createQuery(jpql.toString(), CustomerEntity.class);
            params.forEach(typed::setParameter);
            List<CustomerEntity> rows = typed.setMaxResults(page.fetchSize()).getResultList();
            return Page.fromFetched(rows, page, c -> Cursor.of(c.id())).map(CustomerEntity::toDto);
        });
    }

    @Override
    public Customer update(String id, CustomerDraft draft, Long expectedVersion, String actor) {
        validator.validate(draft);
        Customer updated = tx.inTransaction(em -> {
            CustomerEntity entity = live(em, id, LockModeType.PESSIMISTIC_WRITE);
            if (expectedVersion != null && expectedVersion != entity.version()) {
                throw new StaleVersionException(expectedVersion, entity.version());
            }
            rejectTakenExternalRef(em, draft.externalRef(), id);
            entity.apply(draft, now());
            em.flush();
            return entity.toDto();
        });
        post(CustomerEvents.UPDATED, updated, actor);
        return updated;
    }

    @Override
    public UpsertResult upsertByExternalRef(String externalRef, CustomerDraft draft, String actor) {
        if (externalRef == null || externalRef.isBlank()) {
            throw new ValidationException("externalRef", "must not be blank");
        }
        CustomerDraft withRef = draft == null ? null : draft.withExternalRef(externalRef.trim());
        validator.validate(withRef);
        // A concurrent upsert of the same ref makes one insert fail on the unique key;
        // the retry then finds the row the other request created and updates it.
        UpsertResult result = tx.inTransaction(em -> {
            Instant now = now();
            Optional<CustomerEntity> existing = byExternalRef(em, withRef.externalRef(), LockModeType.PESSIMISTIC_WRITE);
            CustomerEntity entity = existing.orElseGet(() -> new CustomerEntity(Ids.newId(), now));
            entity.apply(withRef, now);
            if (existing.isEmpty()) {
                em.persist(entity);
            }
            em.flush();
            return new UpsertResult(entity.toDto(), existing.isEmpty());
        });
        post(result.created() ? CustomerEvents.CREATED : CustomerEvents.UPDATED, result.customer(), actor);
        return result;
    }

    @Override
    public Customer erase(String id, String actor) {
        boolean[] changed = new boolean[1];
        Customer erased = tx.inTransaction(em -> {
            CustomerEntity entity = em.find(CustomerEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (entity == null) {
                throw new NotFoundException("Customer", id);
            }
            changed[0] = !entity.erased();
            if (changed[0]) {
                entity.erase(now());
                em.createQuery("UPDATE InteractionEntity i SET i.summary = :erased, i.recordedBy = NULL "
                        + "WHERE i.customerId = :id").setParameter("erased", CustomerEvents.ERASED_TEXT)
                        .setParameter("id", id).executeUpdate();
                em.flush();
            }
            return entity.toDto();
        });
        if (changed[0]) {
            post(CustomerEvents.ERASED, erased, actor);
        }
        return erased;
    }

    @Override
    public Interaction recordInteraction(String customerId, InteractionDraft draft, String actor) {
        validator.validate(draft);
        Instant now = now();
        if (draft.occurredAt() != null && draft.occurredAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw new ValidationException("occurredAt", "must not be in the future");
        }
        Interaction recorded = tx.inTransaction(em -> {
            live(em, customerId, LockModeType.NONE);
            InteractionEntity entity = new InteractionEntity(Ids.newId(), customerId, draft.channel(),
                    draft.direction(), draft.summary().trim(), draft.emotion(),
                    draft.occurredAt() == null ? now : draft.occurredAt().truncatedTo(ChronoUnit.MILLIS), actor, now);
            em.persist(entity);
            return entity.toDto();
        });
        Map<String, Object> props = new HashMap<>();
        props.put(CustomerEvents.CUSTOMER_ID, customerId);
        props.put(CustomerEvents.INTERACTION_ID, recorded.id());
        props.put(CustomerEvents.CHANNEL, recorded.channel().name());
        if (recorded.emotion() != null) {
            props.put(CustomerEvents.EMOTION, recorded.emotion().name());
        }
        putActor(props, actor);
        events.postEvent(new Event(CustomerEvents.INTERACTION_RECORDED, props));
        return recorded;
    }

    @Override
    public Page<Interaction> interactions(String customerId, PageRequest page) {
        return tx.read(em -> {
            if (em.find(CustomerEntity.class, customerId) == null) {
                throw new NotFoundException("Customer", customerId);
            }
            String jpql = "SELECT i FROM InteractionEntity i WHERE i.customerId = :customer"
                    + (page.after() == null ? "" : " AND (i.occurredAt < :at OR (i.occurredAt = :at AND i.id < :id))")
                    + " ORDER BY i.occurredAt DESC, i.id DESC";
            TypedQuery<InteractionEntity> query = em.createQuery(jpql, InteractionEntity.class)
                    .setParameter("customer", customerId);
            if (page.after() != null) {
                query.setParameter("at", parseInstant(page.after().key(0))).setParameter("id", page.after().key(1));
            }
            List<InteractionEntity> rows = query.setMaxResults(page.fetchSize()).getResultList();
            return Page.fromFetched(rows, page, i -> Cursor.of(i.occurredAt().toString(), i.id()))
                    .map(InteractionEntity::toDto);
        });
    }

    @Override
    public Optional<Interaction> findInteraction(String customerId, String interactionId) {
        return tx.read(em -> Optional.ofNullable(em.find(InteractionEntity.class, interactionId))
                .map(InteractionEntity::toDto).filter(i -> i.customerId().equals(customerId)));
    }

    @Override
    public Customer updateEmotionalProfile(String id, int negativityScore, Temperament inferred, String evidence, String actor) {
        if (negativityScore < 0 || negativityScore > 100) {
            throw new ValidationException("negativityScore", "must be between 0 and 100");
        }
        if (evidence != null && evidence.length() > 100) {
            throw new ValidationException("evidence", "must be at most 100 characters");
        }
        Temperament reading = inferred == null ? Temperament.UNKNOWN : inferred;
        boolean[] changed = new boolean[1];
        Customer profiled = tx.inTransaction(em -> {
            CustomerEntity entity = live(em, id, LockModeType.PESSIMISTIC_WRITE);
            changed[0] = entity.applyEmotionalProfile(negativityScore, reading, evidence, now());
            em.flush();
            return entity.toDto();
        });
        if (changed[0]) {
            post(CustomerEvents.UPDATED, profiled, actor);
        }
        return profiled;
    }

    /**
     * Writers lock the row (SELECT ... FOR UPDATE), so concurrent last-write-wins updates queue
     * up instead of failing on the version check.
     */
    private CustomerEntity live(EntityManager em, String id, LockModeType lock) {
        CustomerEntity entity = em.find(CustomerEntity.class, id, lock);
        if (entity == null) {
            throw new NotFoundException("Customer", id);
        }
        if (entity.erased()) {
            throw new ConflictException("Customer '" + id + "' has been erased");
        }
        return entity;
    }

    private static Optional<CustomerEntity> byExternalRef(EntityManager em, String externalRef) {
        return byExternalRef(em, externalRef, LockModeType.NONE);
    }

    private static Optional<CustomerEntity> byExternalRef(EntityManager em, String externalRef, LockModeType lock) {
        if (externalRef == null || externalRef.isBlank()) {
            return Optional.empty();
        }
        return em.createQuery("SELECT c FROM CustomerEntity c WHERE c.externalRef = :ref", CustomerEntity.class)
                .setParameter("ref", externalRef.trim()).setLockMode(lock).getResultStream().findFirst();
    }

    private static void rejectTakenExternalRef(EntityManager em, String externalRef, String ownId) {
        byExternalRef(em, externalRef).filter(other -> !other.id().equals(ownId)).ifPresent(other -> {
            throw new ConflictException("externalRef '" + externalRef.trim() + "' already belongs to another customer",
                    Map.of("existingId", other.id()));
        });
    }

    private static Instant parseInstant(String value) {
        try {
            return Instant.parse(value);
        } catch (RuntimeException e) {
            throw new ValidationException("cursor", "does not belong to this list");
        }
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void post(String topic, Customer customer, String actor) {
        Map<String, Object> props = new HashMap<>();
        props.put(CustomerEvents.CUSTOMER_ID, customer.id());
        if (customer.externalRef() != null) {
            props.put(CustomerEvents.EXTERNAL_REF, customer.externalRef());
        }
        putActor(props, actor);
        events.postEvent(new Event(topic, props));
    }

    private static void putActor(Map<String, Object> props, String actor) {
        props.put(CustomerEvents.ACTOR, actor == null ? "system" : actor);
    }
}
