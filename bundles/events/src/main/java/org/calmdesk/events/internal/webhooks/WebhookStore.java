package org.calmdesk.events.internal.webhooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.calmdesk.core.Ids;
import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.paging.Cursor;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.events.api.Delivery;
import org.calmdesk.events.api.DeliveryStatus;
import org.calmdesk.events.api.Webhook;

/**
 * Webhooks and their deliveries in the shared database (plain JDBC, like the rest of the event
 * log): claims use {@code FOR UPDATE SKIP LOCKED} and a lease, so nodes sharing the database send
 * each delivery once at a time, and a node that dies mid-send only delays it by the lease.
 */
final class WebhookStore {

    static final String WEBHOOKS = "calmdesk_webhook";
    /** What {@link #target(ResultSet)} reads of a webhook. */
    private static final String SELECT_TARGETS = "SELECT id, url, secret, topics, active, failure_streak, created_at FROM " + WEBHOOKS;
    static final String DELIVERIES = "calmdesk_webhook_delivery";
    private static final String WEBHOOK_COLUMNS = "id, url, topics, description, active, disabled_reason, created_at, updated_at, version";
    private static final String DELIVERY_COLUMNS = "id, webhook_id, event_id, event_type, status, attempts, last_status_code, last_error,"
            + " last_attempt_at, next_attempt_at, created_at";

    private final DataSource db;
    private volatile Boolean postgres;

    WebhookStore(DataSource db) {
        this.db = db;
    }

    /** What the dispatcher needs of a webhook to send: where, the key, the topics, and since when it subscribes. */
    record Target(String id, String url, String secret, List<String> topics, boolean active, int failureStreak, Instant createdAt) {

        /**
         * Whether an event is this webhook's to receive: a webhook hears what happens from its
         * creation on, not the history before it (a CRM that wants that reads {@code GET /events}).
         */
        boolean subscribedTo(LoggedEvent event) {
            return !event.occurredAt().isBefore(createdAt) && takes(event.topic());
        }

        /** Whether one of its topic patterns matches. */
        boolean takes(String topic) {
            return topics.stream().anyMatch(pattern -> EventLog.matches(pattern, topic));
        }
    }

    /**
     * A delivery claimed for sending, this node's until {@code leaseUntil}, with its event as the log
     * held it at {@code eventReadAt} (null when retention removed it).
     */
    record Claimed(String deliveryId, String webhookId, String eventId, Instant retryUntil, int attempts, Instant leaseUntil,
            LoggedEvent event, Instant eventReadAt) {

        /**
         * Whether the event should be read again before it is sent: it names a customer, is not
         * redacted yet and was read longer ago than {@code maxAge} (the customer may have been erased since).
         */
        boolean eventMayBeStale(Instant now, Duration maxAge) {
            return event != null && event.customerId() != null && !event.redacted() && eventReadAt.plus(maxAge).isBefore(now);
        }

        Claimed withEvent(LoggedEvent fresh, Instant readAt) {
            return new Claimed(deliveryId, webhookId, eventId, retryUntil, attempts, leaseUntil, fresh, readAt);
        }
    }

    /** The outcome of one attempt, to be recorded; {@code next} is the next attempt's time when it stays PENDING. */
    record Attempt(Claimed delivery, DeliveryStatus status, Integer statusCode, String error, Instant at, Instant next) {
    }

    // ---- webhooks ----

    /** Work on one connection in one transaction. */
    private interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(TransactionWork<T> work) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    Webhook insert(String url, List<String> topics, String description, boolean active, String secret, Instant now) throws SQLException {
        String id = Ids.newId();
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("INSERT INTO " + WEBHOOKS
                + " (id, url, topics, description, active, secret, failure_streak, created_at, updated_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, 1)")) {
            insert.setString(1, id);
            insert.setString(2, url);
            insert.setString(3, String.join(",", topics));
            insert.setString(4, description);
            insert.setBoolean(5, active);
            insert.setString(6, secret);
            insert.setTimestamp(7, Timestamp.from(now));
            insert.setTimestamp(8, Timestamp.from(now));
            insert.executeUpdate();
        }
        return find(id).orElseThrow();
    }

    Optional<Webhook> find(String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement select = c.prepareStatement("SELECT " + WEBHOOK_COLUMNS + " FROM "
                + WEBHOOKS + " WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(webhook(row)) : Optional.empty();
            }
        }
    }

    List<Webhook> list() throws SQLException {
        List<Webhook> all = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement select = c.prepareStatement("SELECT " + WEBHOOK_COLUMNS + " FROM "
                + WEBHOOKS + " ORDER BY id"); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                all.add(webhook(rows));
            }
        }
        return all;
    }

    /** Replaces the editable fields when the version matches (any version when null); false otherwise. */
    boolean update(String id, Long expectedVersion, String url, List<String> topics, String description, boolean active, Instant now)
            throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement update = c.prepareStatement("UPDATE " + WEBHOOKS
                + " SET url = ?, topics = ?, description = ?, active = ?, updated_at = ?, version = version + 1,"
                + " failure_streak = CASE WHEN ? THEN 0 ELSE failure_streak END,"
                + " disabled_reason = CASE WHEN ? THEN NULL ELSE disabled_reason END"
                + " WHERE id = ? AND (? IS NULL OR version = ?)")) {
            update.setString(1, url);
            update.setString(2, String.join(",", topics));
            update.setString(3, description);
            update.setBoolean(4, active);
            update.setTimestamp(5, Timestamp.from(now));
            update.setBoolean(6, active);
            update.setBoolean(7, active);
            update.setString(8, id);
            if (expectedVersion == null) {
                update.setNull(9, Types.BIGINT);
                update.setNull(10, Types.BIGINT);
            } else {
                update.setLong(9, expectedVersion);
                update.setLong(10, expectedVersion);
            }
            return update.executeUpdate() == 1;
        }
    }

    /** Removes a webhook; its deliveries go with it (the key's {@code ON DELETE CASCADE}, events changeset 3). */
    boolean delete(String id) throws SQLException {
        return inTransaction(c -> {
            try (PreparedStatement webhook = c.prepareStatement("DELETE FROM " + WEBHOOKS + " WHERE id = ?")) {
                webhook.setString(1, id);
                return webhook.executeUpdate() == 1;
            }
        });
    }

    Optional<Target> target(String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement select = c.prepareStatement(SELECT_TARGETS + " WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(target(row)) : Optional.empty();
            }
        }
    }

    List<Target> activeTargets() throws SQLException {
        List<Target> all = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement select = c.prepareStatement(SELECT_TARGETS + " WHERE active = ?")) {
            select.setBoolean(1, true);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    all.add(target(rows));
                }
            }
        }
        return all;
    }

    // ---- deliveries ----

    /** A delivery to be: one event for one webhook. */
    record Pending(String webhookId, LoggedEvent event) {
    }

    /**
     * One PENDING delivery per pair, in one transaction; a delivery that exists already (a replay)
     * is kept, and none is made for a webhook removed meanwhile. Returns how many were created.
     */
    int fanOut(List<Pending> deliveries, Instant now, Instant retryUntil) throws SQLException {
        return inTransaction(c -> fanOut(c, deliveries, now, retryUntil));
    }

    /** {@link #fanOut(List, Instant, Instant)} in the caller's transaction on {@code c}. */
    int fanOut(Connection c, List<Pending> deliveries, Instant now, Instant retryUntil) throws SQLException {
        lockAgainstRemoval(c, deliveries.stream().map(Pending::webhookId).distinct().sorted().toList());
        boolean postgres = isPostgres(c);
        try (PreparedStatement insert = c.prepareStatement(fanOutSql(postgres))) {
            for (Pending delivery : deliveries) {
                insert.setString(1, Ids.newId());
                insert.setString(2, delivery.webhookId());
                insert.setString(3, delivery.event().id());
                insert.setString(4, delivery.event().type());
                insert.setTimestamp(5, Timestamp.from(now));
                insert.setTimestamp(6, Timestamp.from(retryUntil));
                insert.setTimestamp(7, Timestamp.from(now));
                insert.setString(8, delivery.webhookId());
                if (!postgres) {
                    insert.setString(9, delivery.webhookId());
                    insert.setString(10, delivery.event().id());
                }
                insert.addBatch();
            }
            int created = 0;
            for (int count : insert.executeBatch()) {
                created += Math.max(0, count);
            }
            return created;
        }
    }

    /**
     * The fan-out's insert of one delivery unless the pair has one. On PostgreSQL the unique key
     * decides ({@code ON CONFLICT}): with {@code NOT EXISTS}, a plan made before the table had
     * statistics read the pair through the (webhook_id, id) index and filtered on event_id, every
     * delivery of the webhook for each insert; a webhook's deliveries grew by 1,000 a second in
     * bench/event-log and the fan-out fell 10 s behind. H2 has no {@code ON CONFLICT}; its planner
     * takes the unique index for the two equalities.
     */
    static String fanOutSql(boolean postgres) {
        String insert = "INSERT INTO " + DELIVERIES
                + " (id, webhook_id, event_id, event_type, status, attempts, next_attempt_at, retry_until, created_at)"
                + " SELECT ?, ?, ?, ?, 'PENDING', 0, ?, ?, ? FROM " + WEBHOOKS + " w WHERE w.id = ?";
        return postgres ? insert + " ON CONFLICT (webhook_id, event_id) DO NOTHING"
                : insert + " AND NOT EXISTS (SELECT 1 FROM " + DELIVERIES + " d WHERE d.webhook_id = ? AND d.event_id = ?)";
    }

    /**
     * Locks webhooks (sorted ids) until the transaction ends, so that their removal cannot commit
     * between this transaction's read of them and its commit: either the removal waits and its
     * cascade takes this transaction's deliveries along, or this waits for the removal and then no
     * longer finds the webhook. Without it a delivery could outlive its webhook, PENDING for ever
     * (PostgreSQL's key check alone would fail the whole fan-out instead; H2's does not wait).
     * {@code FOR KEY SHARE} on PostgreSQL does not wait for the dispatcher's streak updates; H2 has
     * only {@code FOR UPDATE}, on one node.
     */
    private void lockAgainstRemoval(Connection c, List<String> webhookIds) throws SQLException {
        if (webhookIds.isEmpty()) {
            return;
        }
        try (PreparedStatement lock = c.prepareStatement("SELECT id FROM " + WEBHOOKS + " WHERE id IN ("
                + String.join(", ", Collections.nCopies(webhookIds.size(), "?")) + ") ORDER BY id"
                + (isPostgres(c) ? " FOR KEY SHARE" : " FOR UPDATE"))) {
            for (int i = 0; i < webhookIds.size(); i++) {
                lock.setString(i + 1, webhookIds.get(i));
            }
            lock.executeQuery().close();
        }
    }

    private boolean isPostgres(Connection c) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            postgres = known;
        }
        return known;
    }

    /** Events as the log holds them now, by id (those retention removed are missing). */
    Map<String, LoggedEvent> events(Collection<String> ids) throws SQLException {
        try (Connection c = db.getConnection()) {
            return EventLog.findAll(c, ids);
        }
    }

    /**
     * Claims up to {@code limit} due deliveries (skipping rows another node holds), at most
     * {@code perWebhook} per webhook counting the {@code held} ones this node has already, by leasing
     * them ({@code leased_until}, in no index: a claim rewrites no index entry of the row, where
     * moving {@code next_attempt_at} did, and cost the fan-out's inserts dearly among the dead
     * versions on PostgreSQL): if this node dies before it records them, another
     * sends them after it. A webhook's first {@code concurrency} claimed deliveries go out at once and
     * get the send timeout plus 30 s; the rest wait for a sender and get a timeout more (no longer:
     * after a crash they wait out their lease). One that has waited too long for its lease is let go
     * by the dispatcher and claimed again. The claimed deliveries' webhooks (URL, secret, state) are
     * read in the same go, as their events are.
     */
    Claim claimDue(Instant now, int limit, Map<String, Integer> held, int perWebhook, int concurrency,
            Duration timeout) throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        Map<String, Optional<Target>> targets = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>(held);
        // Webhooks this node holds enough of already are left out in the query: the oldest due rows
        // of one slow receiver's backlog would otherwise fill every claim and starve the others.
        List<String> full = held.entrySet().stream().filter(e -> e.getValue() >= perWebhook).map(Map.Entry::getKey).toList();
        inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT id, webhook_id, event_id, retry_until, attempts FROM " + DELIVERIES
                    + " WHERE status = 'PENDING' AND next_attempt_at <= ? AND (leased_until IS NULL OR leased_until <= ?)"
                    + (full.isEmpty() ? "" : " AND webhook_id NOT IN (" + String.join(", ", Collections.nCopies(full.size(), "?")) + ")")
                    + " ORDER BY next_attempt_at FETCH FIRST " + (limit * 2) + " ROWS ONLY FOR UPDATE SKIP LOCKED");
                    PreparedStatement lease = c.prepareStatement("UPDATE " + DELIVERIES + " SET leased_until = ? WHERE id = ?")) {
                select.setTimestamp(1, Timestamp.from(now));
                select.setTimestamp(2, Timestamp.from(now));
                for (int i = 0; i < full.size(); i++) {
                    select.setString(3 + i, full.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next() && claimed.size() < limit) {
                        String webhookId = rows.getString(2);
                        int position = counts.getOrDefault(webhookId, 0);
                        if (position >= perWebhook) {
                            continue;
                        }
                        counts.put(webhookId, position + 1);
                        Instant leaseUntil = now.plus(timeout.multipliedBy(position < concurrency ? 1 : 2)).plusSeconds(30);
                        claimed.add(new Claimed(rows.getString(1), webhookId, rows.getString(3),
                                rows.getTimestamp(4).toInstant(), rows.getInt(5), leaseUntil, null, now));
                    }
                }
                // The events in the same go: a read per send waited for a pooled connection behind
                // every request of a busy node, and held deliveries to a few dozen a second.
                Map<String, LoggedEvent> events = EventLog.findAll(c, claimed.stream().map(Claimed::eventId).toList());
                claimed.replaceAll(d -> d.withEvent(events.get(d.eventId()), now));
                // Likewise their webhooks: each sender read its webhook once a second, and under load
                // every such read waited some 300 ms for a pooled connection while its send stood still.
                targets.putAll(targets(c, claimed.stream().map(Claimed::webhookId).distinct().toList()));
                for (Claimed delivery : claimed) {
                    lease.setTimestamp(1, Timestamp.from(delivery.leaseUntil()));
                    lease.setString(2, delivery.deliveryId());
                    lease.addBatch();
                }
                if (!claimed.isEmpty()) {
                    lease.executeBatch();
                }
            }
            return null;
        });
        return new Claim(claimed, targets);
    }

    /** Deliveries claimed in one transaction, and the webhooks they go to as that transaction read them (empty: removed). */
    record Claim(List<Claimed> deliveries, Map<String, Optional<Target>> targets) {
    }

    private static Map<String, Optional<Target>> targets(Connection c, List<String> ids) throws SQLException {
        Map<String, Optional<Target>> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        ids.forEach(id -> found.put(id, Optional.empty()));
        try (PreparedStatement select = c.prepareStatement(
                SELECT_TARGETS + " WHERE id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                select.setString(i + 1, ids.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Target target = target(rows);
                    found.put(target.id(), Optional.of(target));
                }
            }
        }
        return found;
    }

    /**
     * Records attempts' outcomes in one transaction, in their order; each webhook's failure streak
     * moves with them. Returns the streak after them of each webhook whose last outcome here failed.
     * A webhook whose deliveries all succeed while its streak is 0 keeps its row untouched: every
     * record would otherwise queue on that one row lock.
     */
    Map<String, Integer> recordAttempts(List<Attempt> attempts) throws SQLException {
        // Per webhook: failures since the last success among these, and whether one succeeded.
        Map<String, int[]> streaks = new LinkedHashMap<>();
        for (Attempt attempt : attempts) {
            int[] streak = streaks.computeIfAbsent(attempt.delivery().webhookId(), k -> new int[2]);
            if (attempt.status() == DeliveryStatus.DELIVERED) {
                streak[0] = 0;
                streak[1] = 1;
            } else {
                streak[0]++;
            }
        }
        return inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE " + DELIVERIES + " SET status = ?, attempts = attempts + 1,"
                    + " last_status_code = ?, last_error = ?, last_attempt_at = ?, next_attempt_at = ?, leased_until = NULL WHERE id = ?");
                    PreparedStatement reset = c.prepareStatement("UPDATE " + WEBHOOKS
                            + " SET failure_streak = ? WHERE id = ? AND failure_streak <> ?");
                    PreparedStatement add = c.prepareStatement("UPDATE " + WEBHOOKS + " SET failure_streak = failure_streak + ? WHERE id = ?");
                    PreparedStatement read = c.prepareStatement("SELECT failure_streak FROM " + WEBHOOKS + " WHERE id = ?")) {
                for (Attempt attempt : attempts) {
                    update.setString(1, attempt.status().name());
                    if (attempt.statusCode() == null) {
                        update.setNull(2, Types.INTEGER);
                    } else {
                        update.setInt(2, attempt.statusCode());
                    }
                    String error = attempt.error();
                    update.setString(3, error == null ? null : error.length() > 500 ? error.substring(0, 500) : error);
                    update.setTimestamp(4, Timestamp.from(attempt.at()));
                    update.setTimestamp(5, attempt.next() == null ? null : Timestamp.from(attempt.next()));
                    update.setString(6, attempt.delivery().deliveryId());
                    update.addBatch();
                }
                update.executeBatch();
                Map<String, Integer> failing = new LinkedHashMap<>();
                for (Map.Entry<String, int[]> streak : streaks.entrySet()) {
                    if (streak.getValue()[1] == 1) {
                        reset.setInt(1, streak.getValue()[0]);
                        reset.setString(2, streak.getKey());
                        reset.setInt(3, streak.getValue()[0]);
                        reset.executeUpdate();
                    } else {
                        add.setInt(1, streak.getValue()[0]);
                        add.setString(2, streak.getKey());
                        add.executeUpdate();
                    }
                    if (streak.getValue()[0] > 0) {
                        read.setString(1, streak.getKey());
                        try (ResultSet row = read.executeQuery()) {
                            if (row.next()) {
                                failing.put(streak.getKey(), row.getInt(1));
                            }
                        }
                    }
                }
                return failing;
            }
        });
    }

    /**
     * Switches a webhook off, fails its pending deliveries, and appends {@code calmdesk/webhook/DISABLED}
     * in the same transaction; false when it was off already.
     */
    boolean disable(String webhookId, String reason, Instant now) throws SQLException {
        return inTransaction(c -> {
            try (PreparedStatement off = c.prepareStatement("UPDATE " + WEBHOOKS + " SET active = ?, disabled_reason = ?, updated_at = ?,"
                    + " version = version + 1 WHERE id = ? AND active = ?");
                    PreparedStatement fail = c.prepareStatement("UPDATE " + DELIVERIES + " SET status = 'FAILED', last_error = ?,"
                            + " next_attempt_at = NULL WHERE webhook_id = ? AND status = 'PENDING'")) {
                off.setBoolean(1, false);
                off.setString(2, reason);
                off.setTimestamp(3, Timestamp.from(now));
                off.setString(4, webhookId);
                off.setBoolean(5, true);
                boolean changed = off.executeUpdate() == 1;
                if (changed) {
                    fail.setString(1, "webhook disabled: " + reason);
                    fail.setString(2, webhookId);
                    fail.executeUpdate();
                    EventLog.append(c, List.of(new DomainEvent(WebhookTopics.DISABLED, webhookId, null,
                            Map.of("webhookId", webhookId, "reason", reason))));
                }
                return changed;
            }
        });
    }

    /** A ping: a {@code calmdesk/webhook/PING} event in the log and its one delivery, to this webhook alone. */
    String ping(String webhookId, Instant now, Instant retryUntil) throws SQLException {
        String deliveryId = Ids.newId();
        inTransaction(c -> {
            lockAgainstRemoval(c, List.of(webhookId));
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + DELIVERIES
                    + " (id, webhook_id, event_id, event_type, status, attempts, next_attempt_at, retry_until, created_at)"
                    + " VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)")) {
                String eventId = EventLog.append(c, List.of(new DomainEvent(WebhookTopics.PING, webhookId, null,
                        Map.of("webhookId", webhookId)))).get(0);
                insert.setString(1, deliveryId);
                insert.setString(2, webhookId);
                insert.setString(3, eventId);
                insert.setString(4, DomainEvent.typeOf(WebhookTopics.PING));
                insert.setTimestamp(5, Timestamp.from(now));
                insert.setTimestamp(6, Timestamp.from(retryUntil));
                insert.setTimestamp(7, Timestamp.from(now));
                insert.executeUpdate();
            }
            return null;
        });
        return deliveryId;
    }

    /** Sends a delivery again from now on, with a fresh retry period; false when there is no such delivery of the webhook. */
    boolean redeliver(String webhookId, String deliveryId, Instant now, Instant retryUntil) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement update = c.prepareStatement("UPDATE " + DELIVERIES
                + " SET status = 'PENDING', next_attempt_at = ?, retry_until = ?, leased_until = NULL WHERE id = ? AND webhook_id = ?")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setTimestamp(2, Timestamp.from(retryUntil));
            update.setString(3, deliveryId);
            update.setString(4, webhookId);
            return update.executeUpdate() == 1;
        }
    }

    Optional<Delivery> delivery(String webhookId, String deliveryId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement select = c.prepareStatement("SELECT " + DELIVERY_COLUMNS + " FROM "
                + DELIVERIES + " WHERE id = ? AND webhook_id = ?")) {
            select.setString(1, deliveryId);
            select.setString(2, webhookId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(delivery(row)) : Optional.empty();
            }
        }
    }

    /** The webhook's deliveries, newest first, keyset-paged by id. */
    Page<Delivery> deliveries(String webhookId, DeliveryStatus status, PageRequest page) throws SQLException {
        String sql = "SELECT " + DELIVERY_COLUMNS + " FROM " + DELIVERIES + " WHERE webhook_id = ?"
                + (status == null ? "" : " AND status = ?") + (page.after() == null ? "" : " AND id < ?")
                + " ORDER BY id DESC FETCH FIRST " + page.fetchSize() + " ROWS ONLY";
        List<Delivery> fetched = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            int i = 1;
            select.setString(i++, webhookId);
            if (status != null) {
                select.setString(i++, status.name());
            }
            if (page.after() != null) {
                select.setString(i, page.after().key(0));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    fetched.add(delivery(rows));
                }
            }
        }
        return Page.fromFetched(fetched, page, d -> Cursor.of(d.id()));
    }

    private static Webhook webhook(ResultSet row) throws SQLException {
        return new Webhook(row.getString("id"), row.getString("url"), topics(row.getString("topics")), row.getString("description"),
                row.getBoolean("active"), row.getString("disabled_reason"), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant(), row.getLong("version"));
    }

    private static Target target(ResultSet row) throws SQLException {
        return new Target(row.getString("id"), row.getString("url"), row.getString("secret"), topics(row.getString("topics")),
                row.getBoolean("active"), row.getInt("failure_streak"),
                row.getTimestamp("created_at").toInstant());
    }

    private static Delivery delivery(ResultSet row) throws SQLException {
        int code = row.getInt("last_status_code");
        Integer lastCode = row.wasNull() ? null : code;
        Timestamp last = row.getTimestamp("last_attempt_at");
        Timestamp next = row.getTimestamp("next_attempt_at");
        return new Delivery(row.getString("id"), row.getString("webhook_id"), row.getString("event_id"), row.getString("event_type"),
                DeliveryStatus.valueOf(row.getString("status")), row.getInt("attempts"), lastCode, row.getString("last_error"),
                last == null ? null : last.toInstant(), next == null ? null : next.toInstant(), row.getTimestamp("created_at").toInstant());
    }

    private static List<String> topics(String joined) {
        return Arrays.stream(joined.split(",")).filter(s -> !s.isBlank()).toList();
    }
}
