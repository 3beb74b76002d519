package org.calmdesk.core.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

import org.calmdesk.core.Ids;
import org.calmdesk.core.persistence.Transactions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one path every module event takes: {@link #append} stores it in the transaction of the
 * change it announces (so an event exists exactly when its change committed), and the relay of
 * the {@code calmdesk-events} bundle delivers it from the table {@value #TABLE} to durable
 * {@link EventConsumer}s, EventAdmin, webhooks and the {@code /events} feed.
 */
public final class EventLog {

    public static final String TABLE = "calmdesk_event";
    public static final String CURSORS = "calmdesk_event_cursor";
    public static final String RECEIPTS = "calmdesk_event_receipt";
    /** What a free-text property of an erased customer's event reads afterwards. */
    public static final String ERASED = "(erased)";

    /** What a subscriber may ask for: {@code *}, {@code calmdesk/*}, {@code calmdesk/<module>/*} or one topic. */
    public static final java.util.regex.Pattern TOPIC_PATTERN =
            java.util.regex.Pattern.compile("\\*|calmdesk/\\*|calmdesk/[a-z][a-z0-9]*/(\\*|[A-Z][A-Z0-9_]*)");

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * For bench/event-log only: the baseline the log's cost is measured against in the same running
     * node. While the file this system property names exists, events are not stored: after their
     * transaction commits they are handed in this JVM to the consumers the relay registered
     * ({@link #deliverInJvmForBenchmark}), as EventAdmin's post after commit did before the log
     * existed; a crash loses them, and no webhook or feed sees them. Startup logs an error when it is set.
     */
    private static final java.nio.file.Path IN_JVM_WHILE = System.getProperty("calmdesk.bench.eventsInJvmWhile") == null
            ? null : java.nio.file.Path.of(System.getProperty("calmdesk.bench.eventsInJvmWhile"));
    private static volatile boolean inJvm;
    private static volatile long inJvmCheckedAt;
    private static volatile java.util.function.Consumer<List<LoggedEvent>> inJvmDelivery = events -> { };

    static {
        if (IN_JVM_WHILE != null) {
            org.slf4j.LoggerFactory.getLogger(EventLog.class).error("calmdesk.bench.eventsInJvmWhile is set: while {} exists, events"
                    + " are not stored but handed over in memory after commit (benchmark baseline only: not durable)", IN_JVM_WHILE);
        }
    }

    /** Whether the benchmark's switch file exists, looked at no more than five times a second. */
    public static boolean inJvmForBenchmark() {
        if (IN_JVM_WHILE == null) {
            return false;
        }
        long now = System.nanoTime();
        if (now - inJvmCheckedAt > 200_000_000L) {
            inJvm = java.nio.file.Files.exists(IN_JVM_WHILE);
            inJvmCheckedAt = now;
        }
        return inJvm;
    }

    /** The relay's in-memory hand-over for {@link #inJvmForBenchmark()}; null to stop. */
    public static void deliverInJvmForBenchmark(java.util.function.Consumer<List<LoggedEvent>> delivery) {
        inJvmDelivery = delivery == null ? events -> { } : delivery;
    }

    /** Hands committed events over in memory (called by {@link Transactions} after commit, benchmark baseline only). */
    public static void handOverInJvm(List<DomainEvent> events) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<LoggedEvent> logged = new ArrayList<>(events.size());
        for (DomainEvent event : events) {
            // Through JSON, as a stored event is read back: consumers see the same property types (String[] for lists).
            logged.add(new LoggedEvent(Ids.newId(), 0, event.topic(), event.type(), event.resourceId(), event.customerId(), now,
                    fromJson(toJson(event.data())), DomainEvent.SCHEMA_VERSION, false));
        }
        inJvmDelivery.accept(logged);
    }
    private static final String INSERT = "INSERT INTO " + TABLE
            + " (id, topic, type, resource_id, customer_id, occurred_at, data, free_text, schema_version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COLUMNS = "id, sequence, topic, type, resource_id, customer_id, occurred_at, data,"
            + " schema_version, redacted_at";

    private EventLog() {
    }

    /**
     * Appends an event to the transaction running on this thread ({@link Transactions}); it is
     * stored just before that transaction commits, and dropped if it rolls back.
     *
     * @throws IllegalStateException when no transaction runs: an event must never outlive, or
     *                               precede, the change it announces
     */
    public static void append(DomainEvent event) {
        Transactions.enlist(event);
    }

    /**
     * For a consumer's effect that a redelivered event must not repeat: call it first inside the
     * effect's transaction; false means {@code consumer} already acted on this event, so do nothing.
     */
    public static boolean firstDelivery(String consumer, LoggedEvent event) {
        return Transactions.firstReceipt(consumer, event.id());
    }

    /**
     * Stores events through a transaction's EntityManager (called by {@link Transactions} before
     * commit), in plain JDBC on that transaction's connection: EclipseLink's native-query path
     * prepared each INSERT through its query machinery, a third of the append's CPU in bench/profile.
     */
    public static void insert(EntityManager em, List<DomainEvent> events) {
        Connection connection = em.unwrap(Connection.class);
        if (connection == null) {
            throw new IllegalStateException("No connection to append events on: no transaction runs");
        }
        try {
            append(connection, events);
        } catch (SQLException e) {
            throw new PersistenceException("Appending " + events.size() + " event(s) to the log failed", e);
        }
    }

    /**
     * Stores events through a JDBC connection, in its current transaction (for platform code that
     * works in plain JDBC); returns their ids.
     */
    public static List<String> append(Connection connection, List<DomainEvent> events) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> ids = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (DomainEvent event : events) {
                String id = Ids.newId();
                insert.setString(1, id);
                insert.setString(2, event.topic());
                insert.setString(3, event.type());
                insert.setString(4, event.resourceId());
                insert.setString(5, event.customerId());
                insert.setTimestamp(6, Timestamp.from(now));
                insert.setString(7, toJson(event.data()));
                insert.setString(8, event.freeText().isEmpty() ? null : String.join(",", event.freeText()));
                insert.setInt(9, DomainEvent.SCHEMA_VERSION);
                if (events.size() == 1) {
                    insert.executeUpdate();
                } else {
                    insert.addBatch();
                }
                ids.add(id);
            }
            if (events.size() > 1) {
                insert.executeBatch();
            }
        }
        return ids;
    }

    /** One stored event by id (numbered or not yet: then its sequence reads 0). */
    public static java.util.Optional<LoggedEvent> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? java.util.Optional.of(map(row)) : java.util.Optional.empty();
            }
        }
    }

    /** The distinct topics of the events numbered after {@code afterSequence} up to {@code upToSequence} (inclusive). */
    public static Set<String> topicsBetween(Connection connection, long afterSequence, long upToSequence) throws SQLException {
        Set<String> topics = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT topic FROM " + TABLE
                + " WHERE sequence > ? AND sequence <= ?")) {
            select.setLong(1, afterSequence);
            select.setLong(2, upToSequence);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    topics.add(rows.getString(1));
                }
            }
        }
        return topics;
    }

    /** Stored events by id, in one query per hundred ids; ids no longer in the log are missing from the map. */
    public static Map<String, LoggedEvent> findAll(Connection connection, Collection<String> ids) throws SQLException {
        Map<String, LoggedEvent> found = new HashMap<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(ids));
        for (int from = 0; from < all.size(); from += 100) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 100));
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        LoggedEvent event = map(rows);
                        found.put(event.id(), event);
                    }
                }
            }
        }
        return found;
    }

    /**
     * Events after {@code afterSequence} in sequence order, at most {@code limit}, whose topic
     * matches {@code topicPattern} (null for all).
     */
    public static List<LoggedEvent> read(Connection connection, long afterSequence, String topicPattern, int limit)
            throws SQLException {
        return read(connection, afterSequence, Long.MAX_VALUE, topicPattern, limit);
    }

    /** Like {@link #read(Connection, long, String, int)}, only up to {@code upToSequence} (inclusive). */
    public static List<LoggedEvent> read(Connection connection, long afterSequence, long upToSequence, String topicPattern, int limit)
            throws SQLException {
        String topicFilter = topicPattern == null ? "" : topicPattern.endsWith("*") ? " AND topic LIKE ?" : " AND topic = ?";
        String sql = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE sequence > ? AND sequence <= ?" + topicFilter
                + " ORDER BY sequence FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, afterSequence);
            statement.setLong(2, upToSequence);
            if (topicPattern != null) {
                statement.setString(3, topicPattern.endsWith("*")
                        ? escapeLike(topicPattern.substring(0, topicPattern.length() - 1)) + "%" : topicPattern);
            }
            List<LoggedEvent> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(map(rows));
                }
            }
            return events;
        }
    }

    /**
     * The sequence of the last event, among the {@code limit} after {@code afterSequence}, before
     * which every event occurred no later than {@code occurredNotAfter} (in sequence order: the first
     * younger one ends the run); {@code afterSequence} when the next event is younger. Reads no data.
     */
    public static long lastSequenceOccurredNotAfter(Connection connection, long afterSequence, java.time.Instant occurredNotAfter,
            int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT sequence, occurred_at FROM " + TABLE
                + " WHERE sequence > ? ORDER BY sequence FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")) {
            statement.setLong(1, afterSequence);
            long last = afterSequence;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next() && !rows.getTimestamp(2).toInstant().isAfter(occurredNotAfter)) {
                    last = rows.getLong(1);
                }
            }
            return last;
        }
    }

    /** Whether {@code topic} matches a pattern: exact, or a prefix ending in {@code *}. */
    public static boolean matches(String pattern, String topic) {
        return pattern.endsWith("*") ? topic.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(topic);
    }

    public static String toJson(Map<String, Object> data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The stored JSON back as event properties: arrays become String[], as producers put them. */
    public static Map<String, Object> fromJson(String json) {
        try {
            JsonNode tree = JSON.readTree(json);
            Map<String, Object> data = new LinkedHashMap<>();
            tree.fields().forEachRemaining(field -> data.put(field.getKey(), value(field.getValue())));
            return data;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored event that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The data with each listed free-text property replaced by {@value #ERASED}. */
    public static String redact(String json, String freeTextKeys) {
        if (freeTextKeys == null || freeTextKeys.isBlank()) {
            return json;
        }
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(json);
            for (String key : freeTextKeys.split(",")) {
                if (tree.hasNonNull(key)) {
                    tree.put(key, ERASED);
                }
            }
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored event that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Object value(JsonNode node) {
        if (node.isArray()) {
            String[] values = new String[node.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = node.get(i).asText();
            }
            return values;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? (Object) node.intValue() : (Object) node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asText();
    }

    private static LoggedEvent map(ResultSet row) throws SQLException {
        return new LoggedEvent(row.getString("id"), row.getLong("sequence"), row.getString("topic"), row.getString("type"),
                row.getString("resource_id"), row.getString("customer_id"), row.getTimestamp("occurred_at").toInstant(),
                fromJson(row.getString("data")), row.getInt("schema_version"), row.getTimestamp("redacted_at") != null);
    }

    private static String escapeLike(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
