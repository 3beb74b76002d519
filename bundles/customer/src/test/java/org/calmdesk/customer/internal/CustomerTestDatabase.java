package org.calmdesk.customer.internal;

import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.calmdesk.core.schema.ModuleSchema;
import org.h2.jdbcx.JdbcDataSource;

/** The module's real persistence unit on a private in-memory H2, outside OSGi. */
final class CustomerTestDatabase {

    private CustomerTestDatabase() {
    }

    static EntityManagerFactory newEntityManagerFactory() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        // The schema comes from the module's migrations, as in OSGi.
        ModuleSchema.migrate(dataSource, "customer", CustomerTestDatabase.class.getClassLoader());
        return Persistence.createEntityManagerFactory("calmdesk.customer", Map.of(
                "javax.persistence.nonJtaDataSource", dataSource,
                "eclipselink.logging.level", "SEVERE"));
    }
}
