package org.calmdesk.customer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.StaleVersionException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerDraft;
import org.calmdesk.customer.api.CustomerEvents;
import org.calmdesk.customer.api.CustomerQuery;
import org.calmdesk.customer.api.Direction;
import org.calmdesk.customer.api.Interaction;
import org.calmdesk.customer.api.InteractionChannel;
import org.calmdesk.customer.api.InteractionDraft;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.customer.api.UpsertResult;
import org.calmdesk.core.testing.LoggedEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaCustomerServiceTest {

    private EntityManagerFactory emf;
    private LoggedEvents events;
    private JpaCustomerService service;

    @BeforeEach
    void setUp() {
        emf = CustomerTestDatabase.newEntityManagerFactory();
        events = new LoggedEvents(emf);
        service = new JpaCustomerService(new CustomerStore(emf), new BeanValidator(), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        emf.close();
    }

    static CustomerDraft draft(String name, String ref) {
        return new CustomerDraft(ref, name, null, null, null, null, null, List.of(), null);
    }

    @Test
    void createReadAndUpdateBumpTheVersion() {
        Customer created = service.create(new CustomerDraft("crm-1", " 王芳 ", "wang@example.cn", "138 0013 8000", "zh",
                "VIP", Temperament.EMOTIONAL, List.of("vip", "vip", "bank"), "prefers phone"), "agent");
        assertEquals("王芳", created.name());
        assertEquals(List.of("vip", "bank"), created.tags());
        assertEquals(1, created.version());
        assertEquals(created, service.find(created.id()).orElseThrow());

        Customer updated = service.update(created.id(), draft("王芳芳", "crm-1"), 1L, "agent");
        assertEquals(2, updated.version());
        assertEquals(Temperament.UNKNOWN, updated.temperament());
        assertTrue(updated.tags().isEmpty());
        assertThrows(StaleVersionException.class, () -> service.update(created.id(), draft("x", null), 1L, "agent"));
        assertEquals("王芳芳", service.find(created.id()).orElseThrow().name());
        assertEquals(List.of(CustomerEvents.CREATED, CustomerEvents.UPDATED), events.topics());
        assertEquals("agent", events.all().get(0).getProperty(CustomerEvents.ACTOR));
    }

    @Test
    void invalidInputChangesNothing() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> service.create(new CustomerDraft(null, "", "bad", "abc", "Chinese", null, null, null, null), "agent"));
        assertEquals(Set.of("name", "email", "phone", "language"),
                new HashSet<>(e.errors().stream().map(f -> f.field()).toList()));
        assertTrue(service.list(CustomerQuery.all(), PageRequest.first(10)).items().isEmpty());
        assertTrue(events.isEmpty());
    }

    @Test
    void externalRefIsUniqueAcrossCreateAndUpdate() {
        Customer first = service.create(draft("A", "ref-1"), "agent");
        Customer second = service.create(draft("B", "ref-2"), "agent");
        ConflictException duplicate = assertThrows(ConflictException.class, () -> service.create(draft("C", "ref-1"), "agent"));
        assertEquals(first.id(), duplicate.extensions().get("existingId"));
        assertThrows(ConflictException.class, () -> service.update(second.id(), draft("B", "ref-1"), null, "agent"));
        assertEquals("ref-1", service.update(first.id(), draft("A2", "ref-1"), null, "agent").externalRef());
    }

    @Test
    void concurrentUpsertsOfOneRefCreateOneCustomer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<UpsertResult>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                results.add(pool.submit(() -> service.upsertByExternalRef("same", draft("Racer " + n, null), "crm")));
            }
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<UpsertResult> result : results) {
                ids.add(result.get().customer().id());
                created += result.get().created() ? 1 : 0;
            }
            assertEquals(1, ids.size());
            assertEquals(1, created);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, service.list(CustomerQuery.all(), PageRequest.first(10)).items().size());
    }

    @Test
    void searchMatchesSubstringsOfNameEmailPhoneDigitsAndRef() {
        Customer wang = service.create(new CustomerDraft("SF-0042", "王小明", "xiaoming@example.cn", "+86 139-1234-5678",
                null, "VIP", Temperament.RATIONAL, List.of("bank"), null), "agent");
        service.create(draft("100% Discount Hunter", "other_ref"), "agent");

        assertEquals(List.of(wang.id()), ids(new CustomerQuery("小明", null, null, null)));
        assertEquals(List.of(wang.id()), ids(new CustomerQuery("XIAOMING@", null, null, null)));
        assertEquals(List.of(wang.id()), ids(new CustomerQuery("13912345678", null, null, null)));
        assertEquals(List.of(wang.id()), ids(new CustomerQuery("sf-00", null, null, null)));
        assertEquals(List.of(wang.id()), ids(new CustomerQuery(null, Temperament.RATIONAL, "VIP", "bank")));
        assertEquals(1, ids(new CustomerQuery("100%", null, null, null)).size());
        assertEquals(0, ids(new CustomerQuery("r_f", null, null, null)).size(), "underscore is literal");
        assertEquals(1, ids(new CustomerQuery("0%", null, null, null)).size(), "percent is literal");
    }

    /**
     * Pages are read outside a transaction as read-only entities (QueryBuilder.page): each listed
     * customer is still the whole customer, its tags (batch-fetched for the page) in their order.
     */
    @Test
    void aListedCustomerIsTheWholeCustomerWithItsTagsInOrder() {
        Customer tagged = service.create(new CustomerDraft("crm-7", "李娜", "li@example.cn", "139 0000 1111", "zh", "VIP",
                Temperament.EMOTIONAL, List.of("vip", "bank", "airline"), "calls at night"), "agent");
        Customer other = service.create(new CustomerDraft(null, "张伟", null, null, null, null, null, List.of("retail"), null), "agent");
        Customer untagged = service.create(draft("王强", null), "agent");
        Customer retagged = service.update(tagged.id(), new CustomerDraft("crm-7", "李娜", "li@example.cn", "139 0000 1111", "zh",
                "VIP", Temperament.EMOTIONAL, List.of("airline", "vip"), "calls at night"), 1L, "agent");

        List<Customer> listed = service.list(CustomerQuery.all(), PageRequest.first(10)).items();
        assertEquals(List.of(retagged, other, untagged), listed);
        assertEquals(List.of("airline", "vip"), listed.get(0).tags());
        assertEquals(listed, service.list(CustomerQuery.all(), PageRequest.first(10)).items(), "read again, the same");
        assertEquals(List.of(retagged), service.list(new CustomerQuery(null, null, null, "airline"), PageRequest.first(10)).items());
    }

    @Test
    void keysetPagesAreChronologicalAndComplete() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(service.create(draft("C" + i, null), "agent").id());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<Customer> page = service.list(CustomerQuery.all(), PageRequest.of(2, cursor));
            page.items().forEach(c -> seen.add(c.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(created, seen);
    }

    @Test
    void eraseLeavesATombstoneAndFreesTheRef() {
        Customer customer = service.create(new CustomerDraft("gone-1", "Gone", "g@example.com", "123456", "en", "VIP",
                Temperament.UNREASONABLE, List.of("x"), "notes"), "agent");
        service.recordInteraction(customer.id(), new InteractionDraft(InteractionChannel.PHONE, Direction.INBOUND,
                "very personal", EmotionLabel.ANGER, null), "agent");
        Customer tombstone = service.erase(customer.id(), "admin");
        assertTrue(tombstone.erased());
        assertNull(tombstone.email());
        assertNull(tombstone.externalRef());
        assertEquals("(erased)", service.interactions(customer.id(), PageRequest.first(5)).items().get(0).summary());
        assertFalse(service.find(customer.id()).isEmpty());
        assertTrue(ids(new CustomerQuery("Gone", null, null, null)).isEmpty());
        assertThrows(ConflictException.class, () -> service.update(customer.id(), draft("Back", null), null, "agent"));
        assertThrows(ConflictException.class, () -> service.recordInteraction(customer.id(),
                new InteractionDraft(InteractionChannel.PHONE, Direction.INBOUND, "x", null, null), "agent"));

        int erasedEvents = (int) events.topics().stream().filter(CustomerEvents.ERASED::equals).count();
        service.erase(customer.id(), "admin");
        assertEquals(erasedEvents, events.topics().stream().filter(CustomerEvents.ERASED::equals).count(),
                "erasing twice posts one event");
        assertTrue(service.upsertByExternalRef("gone-1", draft("New person", null), "crm").created());
        assertThrows(NotFoundException.class, () -> service.erase("missing", "admin"));
    }

    @Test
    void interactionsAreNewestFirstAndRejectFutureTimes() {
        String id = service.create(draft("I", null), "agent").id();
        Interaction older = service.recordInteraction(id, new InteractionDraft(InteractionChannel.EMAIL, Direction.INBOUND,
                "first", null, Instant.parse("2026-01-01T00:00:00Z")), "agent");
        Interaction newer = service.recordInteraction(id, new InteractionDraft(InteractionChannel.CHAT, Direction.OUTBOUND,
                "second", EmotionLabel.SATISFIED, null), "agent");
        Page<Interaction> first = service.interactions(id, PageRequest.of(1, null));
        assertEquals(List.of(newer.id()), first.items().stream().map(Interaction::id).toList());
        assertEquals(List.of(older.id()), service.interactions(id, PageRequest.of(1, first.nextCursor())).items()
                .stream().map(Interaction::id).toList());
        assertEquals("occurredAt", assertThrows(ValidationException.class, () -> service.recordInteraction(id,
                new InteractionDraft(InteractionChannel.PHONE, Direction.INBOUND, "x", null, Instant.now().plusSeconds(86_400)),
                "agent")).errors().get(0).field());
        assertThrows(NotFoundException.class, () -> service.interactions("nope", PageRequest.first(1)));
        assertEquals(CustomerEvents.INTERACTION_RECORDED, events.last().getTopic());
        assertEquals("SATISFIED", events.last().getProperty(CustomerEvents.EMOTION));
    }

    private List<String> ids(CustomerQuery query) {
        return service.list(query, PageRequest.first(50)).items().stream().map(Customer::id).toList();
    }

    @Test
    void theEmotionalProfileIsWrittenBackAndAnAgentsTemperamentWinsUntilTheEvidenceChanges() {
        Customer created = service.create(draft("周强", null), "agent");
        events.clear();

        Customer inferred = service.updateEmotionalProfile(created.id(), 72, Temperament.EMOTIONAL, "2:t-2", "emotion");
        assertEquals(72, inferred.negativityScore());
        assertEquals(Temperament.EMOTIONAL, inferred.temperament());
        assertEquals(List.of(CustomerEvents.UPDATED), events.topics());
        assertEquals(inferred.version(),
                service.updateEmotionalProfile(created.id(), 72, Temperament.EMOTIONAL, "2:t-2", "emotion").version(),
                "the same reading writes nothing");
        assertEquals(1, events.topics().size());

        // An update that does not name a temperament keeps the inferred one.
        Customer renamed = service.update(created.id(), draft("周强强", null), null, "agent");
        assertEquals(Temperament.EMOTIONAL, renamed.temperament());

        // The agent knows better: RATIONAL stands while the evidence is the one the agent saw...
        service.update(created.id(), new CustomerDraft(null, "周强强", null, null, null, null, Temperament.RATIONAL,
                List.of(), null), null, "agent");
        Customer kept = service.updateEmotionalProfile(created.id(), 75, Temperament.UNREASONABLE, "2:t-2", "emotion");
        assertEquals(Temperament.RATIONAL, kept.temperament());
        assertEquals(75, kept.negativityScore(), "the score is derived and always follows");
        // ...and an inference that does not know keeps it even when new evidence arrives...
        assertEquals(Temperament.RATIONAL,
                service.updateEmotionalProfile(created.id(), 70, Temperament.UNKNOWN, "3:t-3", "emotion").temperament());
        // ...but new evidence that says otherwise replaces it.
        Customer replaced = service.updateEmotionalProfile(created.id(), 80, Temperament.UNREASONABLE, "4:t-4", "emotion");
        assertEquals(Temperament.UNREASONABLE, replaced.temperament());
        assertEquals(80, service.find(created.id()).orElseThrow().negativityScore());

        // Evidence that aged out clears an inferred temperament, never an agent's.
        assertEquals(Temperament.UNKNOWN,
                service.updateEmotionalProfile(created.id(), 0, Temperament.UNKNOWN, "0:", "emotion").temperament());
    }

    @Test
    void anEmotionalProfileOutsideTheRangeOrForAnErasedCustomerChangesNothing() {
        Customer created = service.create(draft("Anna", null), "agent");
        assertThrows(ValidationException.class,
                () -> service.updateEmotionalProfile(created.id(), 101, Temperament.EMOTIONAL, "1:a", "emotion"));
        assertThrows(NotFoundException.class,
                () -> service.updateEmotionalProfile("nope", 50, Temperament.EMOTIONAL, "1:a", "emotion"));
        assertEquals(0, service.find(created.id()).orElseThrow().negativityScore());
        service.erase(created.id(), "admin");
        assertThrows(ConflictException.class,
                () -> service.updateEmotionalProfile(created.id(), 50, Temperament.EMOTIONAL, "1:a", "emotion"));
        assertEquals(Temperament.UNKNOWN, service.find(created.id()).orElseThrow().temperament());
    }
}
