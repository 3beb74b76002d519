package org.calmdesk.customer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.time.Clock;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.validation.BeanValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerCsvImporterTest {

    private EntityManagerFactory emf;
    private JpaCustomerService service;
    private CustomerCsvImporter importer;

    @BeforeEach
    void setUp() {
        emf = CustomerTestDatabase.newEntityManagerFactory();
        service = new JpaCustomerService(new CustomerStore(emf), new BeanValidator(), Clock.systemUTC());
        importer = new CustomerCsvImporter(service);
    }

    @AfterEach
    void tearDown() {
        emf.close();
    }

    @Test
    void goodRowsAreUpsertedAndBadRowsReportedByLine() throws Exception {
        service.upsertByExternalRef("r2", CustomerDraftsForTest.named("Old"), "test");
        String csv = String.join("\n",
                "externalRef,name,email,phone,segment,tags",
                "r1,李娜,li@example.cn,13911112222,VIP,vip; bank",
                "r2,\"Multi",
                "line name\",,,,",
                "r3,,,,,",
                "r4,Too,many,columns,here,x,y",
                "r5,Ok,,,,");
        CustomerCsvImporter.Report report = importer.importFrom(new StringReader(csv), "test");
        assertEquals(2, report.created());
        assertEquals(1, report.updated());
        assertEquals(List.of(new CustomerCsvImporter.Rejected(5, "name: must not be blank"),
                new CustomerCsvImporter.Rejected(6, "row: has 7 columns, expected 6")), report.rejected());
        assertEquals(List.of("vip", "bank"), service.findByExternalRef("r1").orElseThrow().tags());
        assertEquals("Multi\nline name", service.findByExternalRef("r2").orElseThrow().name());
    }

    @Test
    void aWrongHeaderImportsNothing() {
        assertThrows(ValidationException.class,
                () -> importer.importFrom(new StringReader("ref,name\nr1,A\n"), "test"));
    }
}
