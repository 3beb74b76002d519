package org.calmdesk.customer.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;


import org.calmdesk.core.Ids;
import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventLog;
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
            post(CustomerEvents.CREATED, created, actor);
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
            post(CustomerEvents.UPDATED, updated, actor);
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
            post(result.created() ? CustomerEvents.CREATED : CustomerEvents.UPDATED, result.customer(), actor);
            return result;
        });
    }

    @Override
    public Customer erase(String id, String actor) {
        return store.atomically(() -> {
            CustomerStore.Changed erased = store.erase(id, CustomerEvents.ERASED_TEXT, now());
            if (erased.changed()) {
                post(CustomerEvents.ERASED, erased.customer(), actor);
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
            Map<String, Object> props = new HashMap<>();
            props.put(CustomerEvents.CUSTOMER_ID, customerId);
            props.put(CustomerEvents.INTERACTION_ID, recorded.id());
            props.put(CustomerEvents.CHANNEL, recorded.channel().name());
            if (recorded.emotion() != null) {
                props.put(CustomerEvents.EMOTION, recorded.emotion().name());
            }
            putActor(props, actor);
            EventLog.append(new DomainEvent(CustomerEvents.INTERACTION_RECORDED, recorded.id(), customerId, props));
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
                post(CustomerEvents.UPDATED, profiled.customer(), actor);
            }
            return profiled.customer();
        });
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
        EventLog.append(new DomainEvent(topic, customer.id(), customer.id(), props));
    }

    private static void putActor(Map<String, Object> props, String actor) {
        props.put(CustomerEvents.ACTOR, actor == null ? "system" : actor);
    }
}
