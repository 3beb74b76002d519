package org.calmdesk.customer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.schema.ModuleSchema;
import org.calmdesk.core.testing.LoggedEvents;
import org.calmdesk.core.testing.MutableClock;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerDraft;
import org.calmdesk.customer.api.CustomerEvents;
import org.calmdesk.customer.api.CustomerQuery;
import org.calmdesk.customer.api.Direction;
import org.calmdesk.customer.api.DuplicateCandidate;
import org.calmdesk.customer.api.InteractionChannel;
import org.calmdesk.customer.api.InteractionDraft;
import org.calmdesk.customer.api.LiveCustomers;
import org.calmdesk.customer.api.UpsertResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class CustomerMergeTest {

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

    private Customer create(String ref, String name, String email, String phone) {
        return service.create(new CustomerDraft(ref, name, email, phone, null, null, null, List.of(), null), "agent");
    }

    private int interactions;

    /** Each interaction a minute after the one before, so their order is certain. */
    private void interaction(String customerId, String summary) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * interactions++);
        service.recordInteraction(customerId, new InteractionDraft(InteractionChannel.PHONE, Direction.INBOUND, summary, null, at),
                "agent");
    }

    @Test
    void theSourceBecomesATombstoneItsInteractionsMoveAndOneEventIsAppended() {
        Customer target = create("crm-t", "王芳", "wang@example.cn", "13800138000");
        Customer source = create("crm-s", "王 芳", "Wang+2@example.cn", "+86 138 0013 8000");
        interaction(target.id(), "first call");
        interaction(source.id(), "second call from another number");
        events.clear();

        Customer merged = service.merge(target.id(), source.id(), "agent");
        assertEquals(target.id(), merged.id());

        Customer tombstone = service.find(source.id()).orElseThrow();
        assertEquals(target.id(), tombstone.mergedInto());
        assertFalse(tombstone.erased());
        assertEquals(List.of("second call from another number", "first call"),
                service.interactions(target.id(), PageRequest.first(10)).items().stream().map(i -> i.summary()).toList());
        assertTrue(service.interactions(source.id(), PageRequest.first(10)).items().isEmpty());
        assertEquals(List.of(target.id()), service.list(new CustomerQuery("王", null, null, null), PageRequest.first(10)).items()
                .stream().map(Customer::id).toList(), "lists leave the merged customer out");

        List<Event> merges = events.on(CustomerEvents.MERGED);
        assertEquals(1, merges.size());
        assertEquals(target.id(), merges.get(0).getProperty(CustomerEvents.TARGET_ID));
        assertEquals(source.id(), merges.get(0).getProperty(CustomerEvents.SOURCE_ID));
        assertEquals("agent", merges.get(0).getProperty(CustomerEvents.ACTOR));

        // Idempotent: the same merge again answers the target and appends nothing.
        events.clear();
        assertEquals(target.id(), service.merge(target.id(), source.id(), "agent").id());
        assertTrue(events.isEmpty());
    }

    @Test
    void anUpsertByTheSourcesRefReachesTheTarget() {
        Customer target = create("crm-t", "Li Lei", null, null);
        Customer source = create("crm-s", "Li Lei", null, null);
        service.merge(target.id(), source.id(), "agent");

        UpsertResult upsert = service.upsertByExternalRef("crm-s", new CustomerDraft(null, "Li Lei (CRM)", "li@example.com",
                null, null, null, null, List.of(), null), "crm");
        assertFalse(upsert.created(), "no duplicate recreated");
        assertEquals(target.id(), upsert.customer().id());
        assertEquals("crm-t", upsert.customer().externalRef(), "the target keeps its own ref");
        assertEquals("li@example.com", service.find(target.id()).orElseThrow().email());
        assertEquals(target.id(), service.findByExternalRef("crm-s").orElseThrow().id());
        assertEquals("Li Lei", service.find(source.id()).orElseThrow().name(), "the tombstone is not rewritten");
    }

    @Test
    void aTargetWithoutRefTakesTheSourcesRef() {
        Customer target = create(null, "Han Meimei", null, null);
        Customer source = create("crm-s", "Han Meimei", null, null);
        Customer merged = service.merge(target.id(), source.id(), "agent");
        assertEquals("crm-s", merged.externalRef());
        assertNull(service.find(source.id()).orElseThrow().externalRef());
        UpsertResult upsert = service.upsertByExternalRef("crm-s", CustomerDraftsForTest.named("Han Meimei"), "crm");
        assertEquals(target.id(), upsert.customer().id());
        assertFalse(upsert.created());
    }

    @Test
    void badMergesAreClearProblemsThatChangeNothing() {
        Customer target = create(null, "A", null, null);
        Customer source = create(null, "B", null, null);
        Customer erased = create(null, "C", null, null);
        service.erase(erased.id(), "admin");
        events.clear();

        assertThrows(ValidationException.class, () -> service.merge(target.id(), target.id(), "agent"));
        assertThrows(ValidationException.class, () -> service.merge(target.id(), " ", "agent"));
        assertThrows(ValidationException.class, () -> service.merge(target.id(), null, "agent"));
        assertThrows(NotFoundException.class, () -> service.merge(target.id(), "missing", "agent"));
        assertThrows(NotFoundException.class, () -> service.merge("missing", source.id(), "agent"));
        ConflictException erasedSource = assertThrows(ConflictException.class, () -> service.merge(target.id(), erased.id(), "agent"));
        assertEquals("ERASED", erasedSource.extensions().get("currentStatus"));
        assertThrows(ConflictException.class, () -> service.merge(erased.id(), source.id(), "agent"));
        assertTrue(events.isEmpty());
        assertNull(service.find(source.id()).orElseThrow().mergedInto());

        // Into a merged customer, or a source already merged elsewhere: 409.
        Customer third = create(null, "D", null, null);
        service.merge(target.id(), source.id(), "agent");
        ConflictException intoMerged = assertThrows(ConflictException.class, () -> service.merge(source.id(), third.id(), "agent"));
        assertEquals("MERGED", intoMerged.extensions().get("currentStatus"));
        assertEquals(target.id(), intoMerged.extensions().get("mergedInto"));
        assertThrows(ConflictException.class, () -> service.merge(third.id(), source.id(), "agent"));
        assertNull(service.find(third.id()).orElseThrow().mergedInto());
    }

    @Test
    void aMergedCustomerTakesNoMoreChangesAndOtherModulesRefuseIt() {
        Customer target = create(null, "A", null, null);
        Customer source = create(null, "B", null, null);
        service.merge(target.id(), source.id(), "agent");
        assertThrows(ConflictException.class, () -> service.update(source.id(), CustomerDraftsForTest.named("B2"), null, "agent"));
        assertThrows(ConflictException.class, () -> interaction(source.id(), "late"));
        ValidationException refused = assertThrows(ValidationException.class,
                () -> LiveCustomers.require(service, source.id(), "tickets cannot be opened"));
        assertTrue(refused.getMessage().contains(target.id()), refused.getMessage());
        assertEquals(target.id(), service.erase(source.id(), "admin").mergedInto(), "a tombstone can still be erased");
    }

    @Test
    void mergingACustomerOthersWereMergedIntoRepointsThem() {
        Customer a = create(null, "A", null, null);
        Customer b = create(null, "B", null, null);
        Customer c = create(null, "C", null, null);
        service.merge(b.id(), c.id(), "agent");
        service.merge(a.id(), b.id(), "agent");
        assertEquals(a.id(), service.find(c.id()).orElseThrow().mergedInto());
        assertEquals(a.id(), service.merge(a.id(), c.id(), "agent").id(), "already merged into a: idempotent");
    }

    @Test
    void duplicatesAreFoundByTheNormalisedKeysAndRanked() {
        Customer wang = create(null, "王芳", "wang.fang@example.cn", "138 0013 8000");
        Customer samePhoneAndName = create(null, "王 芳", null, "+86-138-0013-8000");
        Customer sameEmail = create(null, "Fang Wang", "Wang.Fang+vip@Example.cn", null);
        Customer sameName = create(null, "王芳", null, "13900139000");
        create(null, "李雷", "li@example.cn", "13700137000");
        Customer erased = create(null, "王芳", null, "13800138000");
        service.erase(erased.id(), "admin");

        List<DuplicateCandidate> found = service.duplicates(wang.id(), 10);
        assertEquals(List.of(samePhoneAndName.id(), sameEmail.id(), sameName.id()),
                found.stream().map(d -> d.customer().id()).toList());
        assertEquals(List.of("same-phone", "same-name"), found.get(0).reasons());
        assertEquals(0.8, found.get(0).score());

        service.merge(wang.id(), samePhoneAndName.id(), "agent");
        assertEquals(List.of(sameEmail.id(), sameName.id()),
                service.duplicates(wang.id(), 10).stream().map(d -> d.customer().id()).toList(), "merged ones are gone");
        assertEquals(1, service.duplicates(wang.id(), 1).size());
        assertThrows(ValidationException.class, () -> service.duplicates(wang.id(), 0));
        assertThrows(NotFoundException.class, () -> service.duplicates("missing", 10));

        // Changing the phone changes the key.
        service.update(sameName.id(), new CustomerDraft(null, "Someone else", null, "0086 138 0013 8000", null, null, null,
                List.of(), null), null, "agent");
        assertEquals(List.of("same-phone"), service.duplicates(wang.id(), 10).stream()
                .filter(d -> d.customer().id().equals(sameName.id())).findFirst().orElseThrow().reasons());
    }

    /**
     * A name shared by more customers than asked for: the most recently updated rank first among the
     * same name, then those of the same sound, and each comes whole (tags, notes, segment).
     */
    @Test
    void aCommonNameRanksItsMostRecentlyUpdatedFirstAndAnswersWholeCustomers() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
        JpaCustomerService timed = new JpaCustomerService(new CustomerStore(emf), new BeanValidator(), clock);
        java.util.function.Function<String, Customer> named = name -> {
            clock.advance(Duration.ofMinutes(1));
            return timed.create(new CustomerDraft(null, name, null, null, null, "vip", null, List.of("called-twice", "angry"),
                    "note of " + name), "agent");
        };
        Customer me = named.apply("张伟");
        List<Customer> sameName = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sameName.add(named.apply("张伟"));
        }
        Customer sameSound = named.apply("章伟");
        named.apply("李雷");
        clock.advance(Duration.ofMinutes(1));
        Customer touched = timed.update(sameName.get(0).id(), new CustomerDraft(null, "张 伟", null, null, null, "vip", null,
                List.of("called-twice", "angry"), "updated last"), null, "agent");

        List<DuplicateCandidate> three = timed.duplicates(me.id(), 3);
        assertEquals(List.of(touched.id(), sameName.get(4).id(), sameName.get(3).id()),
                three.stream().map(d -> d.customer().id()).toList(), "the same name, the most recently updated first");
        assertEquals(touched, three.get(0).customer(), "whole, as GET /customers/{id} shows it");
        assertEquals(List.of("called-twice", "angry"), three.get(1).customer().tags());
        assertEquals("vip", three.get(1).customer().segment());

        List<DuplicateCandidate> all = timed.duplicates(me.id(), 10);
        assertEquals(6, all.size(), "five of the same name and one of the same sound");
        assertEquals(sameSound.id(), all.get(5).customer().id());
        assertEquals(List.of("same-pinyin"), all.get(5).reasons());
        assertEquals(timed.find(sameSound.id()).orElseThrow(), all.get(5).customer());
    }

    /** Rows written before the changeset get the keys ContactKeys computes, from the changeset's SQL backfill (H2). */
    @Test
    void theMigrationBackfillsTheSameKeysAsJava() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        assertBackfillMatchesJava(dataSource);
    }

    private static final String[][] OLD_ROWS = {
            { "r1", "王 芳", " Wang.Fang+VIP@Example.cn ", "+86 138-0013-8000" },
            { "r2", "Li-Lei", "li@example.com", "0086 13900139000" },
            { "r3", "Han·Meimei", null, "010 6234 5678" },
            { "r4", "X", "", "123" },
            { "r5", "阿卜杜勒·买买提\u3000", "a+b+c@x.org", "8613700137000" },
            { "r6", "O'Brien, Pat_Jr", "PAT@X.ORG", "86 10 6234 5678" } };

    /**
     * Migrates {@code dataSource} to the baseline, writes rows as the old schema did, runs the module's
     * changelog and checks the backfilled keys against {@link ContactKeys}; then the unit finds the old
     * rows as duplicates.
     */
    static void assertBackfillMatchesJava(javax.sql.DataSource dataSource) throws Exception {
        ModuleSchema.migrate(dataSource, "customerbaseline", CustomerMergeTest.class.getClassLoader());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO customer_record (id, name, email, phone,"
                        + " negativity_score, temperament, created_at, updated_at, version) VALUES (?, ?, ?, ?, 0, 'UNKNOWN', ?, ?, 1)")) {
            for (String[] row : OLD_ROWS) {
                insert.setString(1, row[0]);
                insert.setString(2, row[1]);
                insert.setString(3, row[2]);
                insert.setString(4, row[3]);
                insert.setTimestamp(5, Timestamp.from(Instant.now()));
                insert.setTimestamp(6, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
        }
        ModuleSchema.migrate(dataSource, "customer", CustomerMergeTest.class.getClassLoader());
        try (Connection connection = dataSource.getConnection();
                ResultSet keys = connection.createStatement().executeQuery(
                        "SELECT id, phone_normalized, email_normalized, name_normalized, merged_into FROM customer_record ORDER BY id")) {
            int i = 0;
            while (keys.next()) {
                String[] row = OLD_ROWS[i++];
                assertEquals(row[0], keys.getString(1));
                assertEquals(ContactKeys.phone(row[3]), keys.getString(2), row[0] + " phone");
                assertEquals(ContactKeys.email(row[2]), keys.getString(3), row[0] + " email");
                assertEquals(ContactKeys.name(row[1]), keys.getString(4), row[0] + " name");
                assertNull(keys.getString(5));
            }
            assertEquals(OLD_ROWS.length, i);
        }
        EntityManagerFactory migrated = Persistence.createEntityManagerFactory("calmdesk.customer", Map.of(
                "javax.persistence.nonJtaDataSource", dataSource, "eclipselink.logging.level", "SEVERE"));
        try {
            JpaCustomerService onMigrated = new JpaCustomerService(new CustomerStore(migrated), new BeanValidator(), Clock.systemUTC());
            Customer fresh = onMigrated.create(new CustomerDraft(null, "Fang", null, "13800138000", null, null, null, List.of(), null),
                    "agent");
            assertEquals(List.of("r1"), onMigrated.duplicates(fresh.id(), 10).stream().map(d -> d.customer().id()).toList());

            // The pinyin key cannot come from SQL: the backfill job gives the old rows theirs, leaving versions alone.
            CustomerStore store = new CustomerStore(migrated);
            CustomerStore.Filled first = store.fillNameSounds("", 2);
            assertEquals(2, first.count(), "a batch at a time");
            CustomerStore.Filled rest = store.fillNameSounds(first.lastId(), 100);
            assertEquals(OLD_ROWS.length - 2, rest.count(), "from where the last batch ended, every old row has a name");
            assertEquals(0, store.fillNameSounds("", 100).count(), "and then none is left");
            try (Connection connection = dataSource.getConnection(); ResultSet sounds = connection.createStatement().executeQuery(
                    "SELECT id, name_sound, version FROM customer_record WHERE id LIKE 'r%' ORDER BY id")) {
                int i = 0;
                while (sounds.next()) {
                    String[] row = OLD_ROWS[i++];
                    assertEquals(NameSound.of(row[1]), sounds.getString(2), row[0] + " sound");
                    assertEquals(1, sounds.getLong(3), row[0] + " keeps its version");
                }
            }
            Customer inPinyin = onMigrated.create(new CustomerDraft(null, "Wang Fang", null, null, null, null, null, List.of(), null),
                    "agent");
            List<DuplicateCandidate> byPinyin = onMigrated.duplicates(inPinyin.id(), 10);
            assertEquals(List.of("r1"), byPinyin.stream().map(d -> d.customer().id()).toList());
            assertEquals(List.of("same-pinyin"), byPinyin.get(0).reasons());
        } finally {
            migrated.close();
        }
    }
}
