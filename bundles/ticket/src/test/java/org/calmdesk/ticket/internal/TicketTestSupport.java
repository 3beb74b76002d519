package org.calmdesk.ticket.internal;

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
import org.h2.jdbcx.JdbcDataSource;

/** The ticket unit on a private in-memory H2 outside OSGi, a settable clock, and fakes of the neighbours. */
final class TicketTestSupport {

    private TicketTestSupport() {
    }

    static String newDatabaseUrl() {
        return "jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    static EntityManagerFactory entityManagerFactory(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        // The schema comes from the module's migrations, as in OSGi.
        ModuleSchema.migrate(dataSource, "ticket", TicketTestSupport.class.getClassLoader());
        return Persistence.createEntityManagerFactory("calmdesk.ticket", Map.of(
                "javax.persistence.nonJtaDataSource", dataSource,
                "eclipselink.logging.level", "SEVERE"));
    }

    /** One value of a native query, read in a throwaway persistence context. */
    static Object nativeSingle(EntityManagerFactory emf, String sql, Object... parameters) {
        javax.persistence.EntityManager em = emf.createEntityManager();
        try {
            javax.persistence.Query query = em.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.getSingleResult();
        } finally {
            em.close();
        }
    }

    /** Runs a native statement in a transaction of its own: a change behind the module's back. */
    static int nativeUpdate(EntityManagerFactory emf, String sql, Object... parameters) {
        javax.persistence.EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            javax.persistence.Query query = em.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            int changed = query.executeUpdate();
            em.getTransaction().commit();
            return changed;
        } finally {
            em.close();
        }
    }

    /** A TicketConfig with the metatype defaults, except the attributes given. */
    static TicketConfig config(Map<String, Object> overrides) {
        return (TicketConfig) Proxy.newProxyInstance(TicketConfig.class.getClassLoader(), new Class<?>[] { TicketConfig.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return TicketConfig.class;
                    }
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    Object fallback = method.getDefaultValue();
                    if (fallback == null) {
                        throw new IllegalStateException("no default for " + method.getName());
                    }
                    return fallback;
                });
    }

    /** Customers by id; only {@code find} is used by the ticket module. */
    static final class Customers {
        final Map<String, Customer> byId = new ConcurrentHashMap<>();

        Customer add(String id, String language, String segment, Temperament temperament, int negativity, boolean erased) {
            Customer customer = new Customer(id, null, "Customer " + id, null, null, language, segment, temperament,
                    negativity, List.of(), null, erased, Instant.EPOCH, Instant.EPOCH, 0);
            byId.put(id, customer);
            return customer;
        }

        CustomerService service() {
            return (CustomerService) Proxy.newProxyInstance(CustomerService.class.getClassLoader(),
                    new Class<?>[] { CustomerService.class }, (proxy, method, args) -> {
                        if (method.getName().equals("find")) {
                            return Optional.ofNullable(byId.get((String) args[0]));
                        }
                        throw new AssertionError("the ticket module should only read customers, called " + method.getName());
                    });
        }
    }
}
