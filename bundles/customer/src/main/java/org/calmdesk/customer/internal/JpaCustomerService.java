package org.calmdesk.customer.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;


import org.calmdesk.core.Ids;
import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.events.EventPayload;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
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
import org.calmdesk.customer.api.events.CustomerCreated;
import org.calmdesk.customer.api.events.CustomerErased;
import org.calmdesk.customer.api.events.CustomerMerged;
import org.calmdesk.customer.api.DuplicateCandidate;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.customer.api.events.CustomerUpdated;
import org.calmdesk.customer.api.events.InteractionRecorded;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Customer records in the {@code calmdesk.customer} persistence unit. */
@Component(service = CustomerService.class)
public class JpaCustomerService implements CustomerService {

    /** Clock skew tolerated for a client-supplied {@code occurredAt}. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final CustomerStore store;
    private final BeanValidator validator;
    private final Clock clock;

    @Activate
    public JpaCustomerService(@Reference CustomerStore store, @Reference BeanValidator validator) {
        this(store, validator, Clock.systemUTC());
    }

    JpaCustomerService(CustomerStore store, BeanValidator validator, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public Customer create(CustomerDraft draft, String actor) {
        validator.validate(draft);
        return store.atomically(() -> {
            Customer created = store.insert(draft, now());
            post(CustomerCreated::new, created, actor);
            return created;
        });
    }

    @Override
    public Optional<Customer> find(String id) {
        return store.find(id);
    }

    @Override
    public Optional<Customer> findByExternalRef(String externalRef) {
        return store.findByExternalRef(externalRef);
    }

    @Override
    public Page<Customer> list(CustomerQuery query, PageRequest page) {
        return store.list(query, page);
    }

    @Override
    public Customer update(String id, CustomerDraft draft, Long expectedVersion, String actor) {
        validator.validate(draft);
        return store.atomically(() -> {
            Customer updated = store.update(id, expectedVersion, draft, now());
            post(CustomerUpdated::new, updated, actor);
            return updated;
        });
    }

    @Override
    public UpsertResult upsertByExternalRef(String externalRef, CustomerDraft draft, String actor) {
        if (externalRef == null || externalRef.isBlank()) {
            throw new ValidationException("externalRef", "must not be blank");
        }
        CustomerDraft withRef = draft == null ? null : draft.withExternalRef(externalRef.trim());
        validator.validate(withRef);
        return store.atomically(() -> {
            UpsertResult result = store.upsertByExternalRef(withRef, now());
            post(result.created() ? CustomerCreated::new : CustomerUpdated::new, result.customer(), actor);
            return result;
        });
    }

    @Override
    public Customer erase(String id, String actor) {
        return store.atomically(() -> {
            CustomerStore.Changed erased = store.erase(id, CustomerEvents.ERASED_TEXT, now());
            if (erased.changed()) {
                post(CustomerErased::new, erased.customer(), actor);
            }
            return erased.customer();
        });
    }

    @Override
    public Interaction recordInteraction(String customerId, InteractionDraft draft, String actor) {
        validator.validate(draft);
        Instant now = now();
        if (draft.occurredAt() != null && draft.occurredAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw new ValidationException("occurredAt", "must not be in the future");
        }
        return store.atomically(() -> {
            Interaction recorded = store.insertInteraction(customerId, new InteractionEntity(Ids.newId(), customerId,
                    draft.channel(), draft.direction(), draft.summary().trim(), draft.emotion(),
                    draft.occurredAt() == null ? now : draft.occurredAt().truncatedTo(ChronoUnit.MILLIS), actor, now));
            EventLog.append(DomainEvent.of(new InteractionRecorded(customerId, recorded.id(), recorded.channel().name(),
                    recorded.emotion() == null ? null : recorded.emotion().name(), actorOf(actor))));
            return recorded;
        });
    }

    @Override
    public Page<Interaction> interactions(String customerId, PageRequest page) {
        return store.interactions(customerId, page);
    }

    @Override
    public Optional<Interaction> findInteraction(String customerId, String interactionId) {
        return store.findInteraction(customerId, interactionId);
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
        Instant now = now();
        return store.atomically(() -> {
            CustomerStore.Changed profiled = store.changeLive(id,
                    entity -> entity.applyEmotionalProfile(negativityScore, reading, evidence, now));
            if (profiled.changed()) {
                post(CustomerUpdated::new, profiled.customer(), actor);
            }
            return profiled.customer();
        });
    }

    @Override
    public Customer merge(String targetId, String sourceId, String actor) {
        if (sourceId == null || sourceId.isBlank()) {
            throw new ValidationException("sourceId", "must not be blank");
        }
        String source = sourceId.trim();
        if (source.equals(targetId)) {
            throw new ValidationException("sourceId", "a customer cannot be merged into itself");
        }
        Instant now = now();
        return store.atomically(() -> {
            CustomerStore.Merged merged = store.merge(targetId, source, now);
            if (merged.changed()) {
                EventLog.append(DomainEvent.of(new CustomerMerged(targetId, source, actorOf(actor))));
            }
            return merged.target();
        });
    }

    /** Candidates read per phone or e-mail key before ranking: enough for any real duplicate, bounded for shared lines. */
    static final int CANDIDATES_PER_CONTACT_KEY = 200;

    @Override
    public List<DuplicateCandidate> duplicates(String id, int limit) {
        if (limit < 1 || limit > 100) {
            throw new ValidationException("limit", "must be between 1 and 100");
        }
        Customer customer = store.keysOf(id).orElseThrow(() -> new NotFoundException("Customer", id));
        if (customer.erased() || customer.merged()) {
            return List.of();
        }
        // A customer found by its name or sound alone scores 0.3 (the same name) or 0.2 (the same sound, not
        // the same name), and ties rank the most recently updated first: so the `limit` most recently updated
        // of each name key are all that can rank (one that also shares a contact comes with that key's rows).
        List<Customer> found = store.sharingKeys(ContactKeys.phone(customer.phone()), ContactKeys.email(customer.email()),
                ContactKeys.name(customer.name()), NameSound.of(customer.name()), CANDIDATES_PER_CONTACT_KEY, limit + 1);
        List<DuplicateCandidate> ranked = DuplicateScoring.rank(customer, found, limit);
        List<Customer> tagged = store.withTags(ranked.stream().map(DuplicateCandidate::customer).toList());
        return java.util.stream.IntStream.range(0, ranked.size())
                .mapToObj(i -> new DuplicateCandidate(tagged.get(i), ranked.get(i).score(), ranked.get(i).reasons())).toList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An event record of a customer's change: {@code CustomerCreated::new}, ... (they carry the same properties). */
    @FunctionalInterface
    private interface Announcement {
        EventPayload of(String customerId, String externalRef, String actor);
    }

    private void post(Announcement announcement, Customer customer, String actor) {
        EventLog.append(DomainEvent.of(announcement.of(customer.id(), customer.externalRef(), actorOf(actor))));
    }

    private static String actorOf(String actor) {
        return actor == null ? "system" : actor;
    }
}
