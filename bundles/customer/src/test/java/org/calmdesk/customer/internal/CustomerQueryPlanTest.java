package org.calmdesk.customer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.schema.ModuleSchema;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerDraft;
import org.calmdesk.customer.api.CustomerQuery;
import org.eclipse.persistence.logging.AbstractSessionLog;
import org.eclipse.persistence.logging.SessionLog;
import org.eclipse.persistence.logging.SessionLogEntry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On embedded H2, a page of the customer list and a duplicate search read about as many rows as
 * they answer, not every customer: the SQL EclipseLink runs for them is explained by H2 itself
 * (bench/run's list went from reading all 2,001 customers of its database per page to 21 or 201).
 */
class CustomerQueryPlanTest {

    private static final int CUSTOMERS = 300;
    private static final int PAGE = 20;

    /** EclipseLink's SQL log (values inline: binding is off in this test), kept for the test to explain. */
    public static final class SqlCapture extends AbstractSessionLog {
        static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

        @Override
        public void log(SessionLogEntry entry) {
            if (SessionLog.SQL.equals(entry.getNameSpace()) && entry.getMessage() != null) {
                STATEMENTS.add(entry.getMessage());
            }
        }
    }

    private JdbcDataSource dataSource;
    private EntityManagerFactory emf;
    private JpaCustomerService service;

    @BeforeEach
    void setUp() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ModuleSchema.migrate(dataSource, "customer", getClass().getClassLoader());
        emf = Persistence.createEntityManagerFactory("calmdesk.customer", Map.of(
                "javax.persistence.nonJtaDataSource", dataSource,
                "eclipselink.jdbc.bind-parameters", "false",
                "eclipselink.logging.logger", SqlCapture.class.getName(),
                "eclipselink.logging.level", "SEVERE",
                "eclipselink.logging.level.sql", "FINE"));
        service = new JpaCustomerService(new CustomerStore(emf), new BeanValidator(), Clock.systemUTC());
        for (int i = 0; i < CUSTOMERS; i++) {
            service.create(new CustomerDraft(null, "Customer " + i, null, null, null, "segment-" + (i % 10), null,
                    List.of("bench"), null), "agent");
        }
    }

    @AfterEach
    void tearDown() {
        emf.close();
        SqlCapture.STATEMENTS.clear();
    }

    @Test
    void thePlainListReadsOnePageOfRows() throws Exception {
        assertListReadsAtMost(CustomerQuery.all(), 3 * (PAGE + 1));
    }

    @Test
    void aSegmentAndTagListReadsTheSegmentNotEveryCustomer() throws Exception {
        assertListReadsAtMost(new CustomerQuery(null, null, "segment-3", "bench"), CUSTOMERS / 10 + 2 * (PAGE + 1));
    }

    @Test
    void aDuplicateSearchReadsTheKeysRowsNotEveryCustomer() throws Exception {
        Customer original = service.create(new CustomerDraft(null, "王芳", "wang.fang@example.cn", "138 0013 8000", null, null, null,
                List.of(), null), "agent");
        Customer twin = service.create(new CustomerDraft(null, "王芳", null, "13800138000", null, null, null, List.of(), null), "agent");
        SqlCapture.STATEMENTS.clear();
        assertEquals(twin.id(), service.duplicates(original.id(), 5).get(0).customer().id());
        assertReadsAtMost("(SELECT", 20);
    }

    private void assertListReadsAtMost(CustomerQuery query, int rows) throws Exception {
        SqlCapture.STATEMENTS.clear();
        Page<Customer> page = service.list(query, PageRequest.first(PAGE));
        assertEquals(PAGE, page.items().size());
        assertReadsAtMost("SELECT", rows);
    }

    /** Explains the first statement EclipseLink ran since the log was cleared that starts so and reads customers. */
    private void assertReadsAtMost(String start, int rows) throws Exception {
        String select = SqlCapture.STATEMENTS.stream()
                .filter(sql -> sql.toUpperCase(Locale.ROOT).startsWith(start) && sql.toUpperCase(Locale.ROOT).contains("CUSTOMER_RECORD"))
                .findFirst().orElseThrow(() -> new AssertionError("no statement on customers in " + SqlCapture.STATEMENTS));
        String plan;
        try (Connection connection = dataSource.getConnection(); Statement explain = connection.createStatement();
                ResultSet row = explain.executeQuery("EXPLAIN ANALYZE " + select)) {
            assertTrue(row.next());
            plan = row.getString(1);
        }
        Matcher scans = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        int scanned = 0;
        while (scans.find()) {
            scanned += Integer.parseInt(scans.group(1));
        }
        assertTrue(scanned > 0, plan);
        assertTrue(scanned <= rows, "read " + scanned + " rows of " + CUSTOMERS + " customers:\n" + plan);
        assertFalse(plan.contains("MERGED_INTO_IX"), plan);
    }
}
