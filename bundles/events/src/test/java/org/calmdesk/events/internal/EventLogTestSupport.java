package org.calmdesk.events.internal;

import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;

import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.core.schema.ModuleSchema;
import org.h2.jdbcx.JdbcDataSource;

/** The event log on a private in-memory H2 (or a given DataSource), with a unit to append through as modules do. */
final class EventLogTestSupport {

    final DataSource dataSource;
    final EntityManagerFactory emf;
    final Transactions tx;

    EventLogTestSupport(DataSource dataSource) {
        this.dataSource = dataSource;
        ModuleSchema.migrate(dataSource, "events", EventLogTestSupport.class.getClassLoader());
        this.emf = Persistence.createEntityManagerFactory("calmdesk.eventstest", Map.of(
                "javax.persistence.nonJtaDataSource", dataSource, "eclipselink.logging.level", "SEVERE"));
        this.tx = new Transactions(emf);
    }

    static EventLogTestSupport h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return new EventLogTestSupport(dataSource);
    }

    /** Appends events in one transaction, as a module's store does with its change. */
    void append(DomainEvent... events) {
        tx.run(em -> {
            for (DomainEvent event : events) {
                EventLog.append(event);
            }
        });
    }

    static DomainEvent ticket(String topic, String ticketId, String customerId, String subject) {
        return new DomainEvent(topic, ticketId, customerId, Map.of("ticketId", ticketId, "customerId", customerId,
                "subject", subject, "signals", new String[] { "ABUSE", "URGENCY" }, "escalationLevel", 2), java.util.Set.of("subject"));
    }

    void close() {
        emf.close();
    }
}
