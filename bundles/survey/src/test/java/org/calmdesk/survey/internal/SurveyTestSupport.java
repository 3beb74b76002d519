package org.calmdesk.survey.internal;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.calmdesk.core.schema.ModuleSchema;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketService;
import org.h2.jdbcx.JdbcDataSource;

/** The survey unit outside OSGi, a settable clock, and fakes of the neighbours. */
final class SurveyTestSupport {

    private SurveyTestSupport() {
    }

    static String newH2Url() {
        return "jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    static EntityManagerFactory h2(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        // The schema comes from the module's migrations, as in OSGi.
        ModuleSchema.migrate(dataSource, "survey", SurveyTestSupport.class.getClassLoader());
        return Persistence.createEntityManagerFactory("calmdesk.survey", Map.of(
                "javax.persistence.nonJtaDataSource", dataSource,
                "eclipselink.logging.level", "SEVERE"));
    }

    static CustomerService customers(String... ids) {
        Map<String, Customer> byId = new ConcurrentHashMap<>();
        for (String id : ids) {
            byId.put(id, new Customer(id, null, "Customer " + id, null, null, "zh", null, Temperament.UNKNOWN, 0, List.of(), null,
                    id.startsWith("erased"), Instant.EPOCH, Instant.EPOCH, 1));
        }
        return (CustomerService) Proxy.newProxyInstance(CustomerService.class.getClassLoader(),
                new Class<?>[] { CustomerService.class }, (proxy, method, args) -> {
                    if (method.getName().equals("find")) {
                        return Optional.ofNullable(byId.get((String) args[0]));
                    }
                    throw new AssertionError("the survey module should only read customers, called " + method.getName());
                });
    }

    static TicketService tickets(Map<String, Ticket> byId) {
        return (TicketService) Proxy.newProxyInstance(TicketService.class.getClassLoader(),
                new Class<?>[] { TicketService.class }, (proxy, method, args) -> {
                    if (method.getName().equals("find")) {
                        return Optional.ofNullable(byId.get((String) args[0]));
                    }
                    throw new AssertionError("the survey module should only read tickets, called " + method.getName());
                });
    }
}
