package org.calmdesk.customer.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.calmdesk.core.schema.ModuleSchema;
import org.h2.jdbcx.JdbcDataSource;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** The module's real persistence unit on a private in-memory H2, outside OSGi. */
final class CustomerTestDatabase {

    private CustomerTestDatabase() {
    }

    static EntityManagerFactory newEntityManagerFactory() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        // The schema comes from the module's migrations, as in OSGi.
        ModuleSchema.migrate(dataSource, CustomerSchema.MODULE, CustomerTestDatabase.class.getClassLoader());
        return Persistence.createEntityManagerFactory("calmdesk.customer", Map.of(
                "javax.persistence.nonJtaDataSource", dataSource,
                "eclipselink.logging.level", "SEVERE"));
    }

    /** Records posted events instead of delivering them. */
    static final class RecordingEventAdmin implements EventAdmin {
        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public void postEvent(Event event) {
            events.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            events.add(event);
        }

        List<String> topics() {
            return events.stream().map(Event::getTopic).toList();
        }
    }
}
