package org.calmdesk.customer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.testing.MutableClock;
import org.calmdesk.core.testing.PostgresSchema;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerDraft;
import org.calmdesk.customer.api.CustomerQuery;
import org.calmdesk.customer.api.DuplicateCandidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * q= on PostgreSQL (changeset 3): substring matches come from pg_trgm indexes, two Chinese
 * characters through the pairs' array (changeset 6), with the same answers as the plain LIKE.
 */
@EnabledIfSystemProperty(named = PostgresSchema.URL_PROPERTY, matches = ".+", disabledReason = "needs -Ppostgres")
class CustomerSearchPostgresTest {

    @Test
    void twoChineseCharactersAndPhoneFragmentsAreFoundThroughTheTrigramIndexes() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            EntityManagerFactory emf = schema.emf("calmdesk.customer");
            try {
                CustomerStore store = new CustomerStore(emf);
                Instant now = Instant.now();
                Customer jianhua = store.insert(draft("王建华", "138 0013 8000"), now);
                Customer reversed = store.insert(draft("华建国", "+86 139-0000-1111"), now);
                Customer both = store.insert(draft("李建华强", null), now);

                assertEquals(List.of(jianhua.id(), both.id()), ids(store, "建华"));
                assertEquals(List.of(reversed.id()), ids(store, "华建"));
                assertEquals(List.of(jianhua.id()), ids(store, "0013 8000"));
                assertEquals(List.of(reversed.id()), ids(store, "13900001111"));
                assertEquals(List.of(), ids(store, "建强"));
                assertEquals(List.of(jianhua.id()), ids(store, "138 00"), "no run of 4 digits: by the trigrams");
                assertEquals(List.of(), ids(store, "1111 0000"), "both 4-grams are 华建国's, the fragment is not");
                assertEquals(List.of(reversed.id()), ids(store, "0000-1111"));

                try (Connection connection = schema.dataSource().getConnection(); Statement sql = connection.createStatement();
                        ResultSet pairs = sql.executeQuery("SELECT cardinality(customer_search_pair_array('王建华\u0001wang@example.cn\u0001')),"
                                + " customer_search_pair_array('王建华\u0001wang@example.cn\u0001') @> ARRAY['建华'],"
                                + " customer_search_pair_array('王建华') @> ARRAY['华王']")) {
                    pairs.next();
                    assertEquals(2, pairs.getInt(1), "王建 and 建华: pairs of non-ASCII characters only");
                    assertTrue(pairs.getBoolean(2));
                    assertFalse(pairs.getBoolean(3));
                }
                // changeset 6: the pair test, as CustomerStore writes it, is a lookup of the pairs' array index
                assertTrue(schema.plan("SELECT id FROM customer_record WHERE customer_search_pair_array(search_text) @> ARRAY[CAST('建华' AS text)]",
                        "enable_seqscan = off").contains("Bitmap Index Scan on customer_record_search_pair_array_ix"));
                assertTrue(schema.plan("SELECT id FROM customer_record WHERE search_text LIKE '%0013 8000%'", "enable_seqscan = off")
                        .contains("customer_record_search_trgm_ix"));
                // changeset 7: a phone fragment with a run of 4 digits, as CustomerStore writes it, is a lookup of the digit grams
                assertTrue(schema.plan("SELECT id FROM customer_record WHERE customer_digit_grams(search_text)"
                        + " @> customer_digit_grams(CAST('%0013 8000%' AS text)) AND search_text LIKE '%0013 8000%'", "enable_seqscan = off")
                        .contains("Bitmap Index Scan on customer_record_digit_grams_ix"));
                // the pairs' statistics are fine enough to tell a rare pair from a common one; the trigram index of changeset 3 is gone
                try (Connection connection = schema.dataSource().getConnection(); Statement sql = connection.createStatement();
                        ResultSet target = sql.executeQuery("SELECT attstattarget, to_regclass('customer_record_search_pairs_ix') IS NULL"
                                + " FROM pg_attribute WHERE attrelid = 'customer_record_search_pair_array_ix'::regclass AND attnum = 1")) {
                    assertTrue(target.next());
                    assertEquals(1000, target.getInt(1));
                    assertTrue(target.getBoolean(2));
                }
            } finally {
                emf.close();
            }
        }
    }

    /**
     * Changeset 8: what a search reads of the search indexes' pending lists stays small however many
     * customers change between vacuums (by default it grows to 4 MB and every search reads it whole).
     */
    @Test
    void theSearchIndexesPendingListsStaySmallBetweenVacuums() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            EntityManagerFactory emf = schema.emf("calmdesk.customer");
            try {
                CustomerStore store = new CustomerStore(emf);
                Instant now = Instant.now();
                String[] surnames = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵" };
                String[] given = { "建华", "秀英", "志强", "丽娟", "海燕", "国庆", "艳兰", "子轩" };
                for (int i = 0; i < 400; i++) {
                    store.insert(draft(surnames[i % 8] + given[(i / 8) % 8] + (char) ('一' + i), String.format("139 %04d %04d", i, 7 * i)),
                            now);
                }
                try (Connection connection = schema.dataSource().getConnection(); Statement sql = connection.createStatement()) {
                    sql.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple");
                    for (String index : List.of("customer_record_search_trgm_ix", "customer_record_search_pair_array_ix",
                            "customer_record_digit_grams_ix")) {
                        try (ResultSet pending = sql.executeQuery("SELECT pending_pages, pending_tuples FROM pgstatginindex('" + index + "')")) {
                            assertTrue(pending.next());
                            // 64 kB: 8 pages and a page being filled (without the limit: every entry of the 400, 20 pages and more)
                            assertTrue(pending.getInt(1) <= 9, index + ": " + pending.getInt(1) + " pending pages");
                        }
                    }
                }
                assertEquals(50, ids(store, "建华").size(), "and the searches still find them all");
            } finally {
                emf.close();
            }
        }
    }

    /** Duplicate candidates in PostgreSQL's SQL: one statement of the four keys, ranked, answered whole. */
    @Test
    void duplicatesComeFromOneStatementOfTheKeysRankedAndWhole() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            EntityManagerFactory emf = schema.emf("calmdesk.customer");
            try {
                MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
                JpaCustomerService service = new JpaCustomerService(new CustomerStore(emf), new BeanValidator(), clock);
                java.util.function.BiFunction<String, String, Customer> create = (name, phone) -> {
                    clock.advance(Duration.ofMinutes(1));
                    return service.create(new CustomerDraft(null, name, null, phone, null, "retail", null, List.of("vip"), null),
                            "agent");
                };
                Customer me = create.apply("张伟", "138 0013 8000");
                Customer older = create.apply("张伟", null);
                Customer newer = create.apply("张 伟", null);
                Customer samePhone = create.apply("Someone", "+86 13800138000");
                Customer sameSound = create.apply("章伟", null);
                create.apply("李雷", "13900139000");

                List<DuplicateCandidate> found = service.duplicates(me.id(), 10);
                assertEquals(List.of(samePhone.id(), newer.id(), older.id(), sameSound.id()),
                        found.stream().map(d -> d.customer().id()).toList());
                assertEquals(List.of("same-phone"), found.get(0).reasons());
                assertEquals(service.find(samePhone.id()).orElseThrow(), found.get(0).customer(), "whole, tags and all");
                assertEquals(List.of(newer.id()), service.duplicates(me.id(), 2).stream().skip(1)
                        .map(d -> d.customer().id()).toList(), "the most recently updated of the same name");
            } finally {
                emf.close();
            }
        }
    }

    @Test
    void onlyTwoNonAsciiCharactersUseThePairs() {
        assertTrue(CustomerStore.isNonAsciiPair("建华"));
        assertTrue(!CustomerStore.isNonAsciiPair("建"));
        assertTrue(!CustomerStore.isNonAsciiPair("王建华"));
        assertTrue(!CustomerStore.isNonAsciiPair("li"));
        assertTrue(!CustomerStore.isNonAsciiPair("建1"));
    }

    private static CustomerDraft draft(String name, String phone) {
        return new CustomerDraft(null, name, null, phone, null, null, null, List.of(), null);
    }

    private static List<String> ids(CustomerStore store, String q) {
        return store.list(new CustomerQuery(q, null, null, null), PageRequest.first(50)).items().stream().map(Customer::id).toList();
    }
}
