package org.calmdesk.core.testing;

import java.util.List;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.events.EventLog;
import org.osgi.service.event.Event;

/**
 * What a unit appended to the event log, read back as EventAdmin events in append order (shared
 * through the core test-jar): the tests' view of the log without a relay.
 */
public final class LoggedEvents {

    private final EntityManagerFactory emf;
    private long after;

    public LoggedEvents(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /** Every event appended so far (since the last {@link #clear()}), oldest first. */
    public List<Event> all() {
        EntityManager em = emf.createEntityManager();
        try {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT topic, data FROM " + EventLog.TABLE + " WHERE log_id > ? ORDER BY log_id")
                    .setParameter(1, after).getResultList();
            return rows.stream().map(row -> new Event((String) row[0], EventLog.fromJson(text(row[1])))).toList();
        } finally {
            em.close();
        }
    }

    /** Forgets what was appended so far: {@link #all()} lists only later events. */
    public void clear() {
        EntityManager em = emf.createEntityManager();
        try {
            Object max = em.createNativeQuery("SELECT COALESCE(MAX(log_id), 0) FROM " + EventLog.TABLE).getSingleResult();
            after = ((Number) max).longValue();
        } finally {
            em.close();
        }
    }

    public boolean isEmpty() {
        return all().isEmpty();
    }

    public Event last() {
        List<Event> all = all();
        return all.get(all.size() - 1);
    }

    public List<Event> on(String topic) {
        return all().stream().filter(e -> e.getTopic().equals(topic)).toList();
    }

    public List<String> topics() {
        return all().stream().map(Event::getTopic).toList();
    }

    /** An event as the relay would hand it to a consumer, for tests that call consumers directly. */
    public static org.calmdesk.core.events.LoggedEvent event(String topic, java.util.Map<String, Object> properties) {
        return new org.calmdesk.core.events.LoggedEvent(org.calmdesk.core.Ids.newId(), 1, topic,
                org.calmdesk.core.events.DomainEvent.typeOf(topic), null, null, java.time.Instant.now(), properties, 1, false);
    }

    private static String text(Object value) {
        if (value instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (value instanceof char[] chars) {
            return new String(chars);
        }
        return value.toString();
    }
}
