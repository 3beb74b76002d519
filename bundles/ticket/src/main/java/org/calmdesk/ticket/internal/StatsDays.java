package org.calmdesk.ticket.internal;

import static org.calmdesk.core.persistence.SealedDays.dayOf;
import static org.calmdesk.core.persistence.SealedDays.earlier;
import static org.calmdesk.core.persistence.SealedDays.startOf;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Objects;
import java.util.TreeMap;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;
import javax.persistence.Query;

import org.calmdesk.core.persistence.DatabaseProduct;
import org.calmdesk.core.persistence.SealedDays;
import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.ticket.api.TicketStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ticket statistics over day roll-ups (changeset 5). For each sealed UTC day the roll-ups hold
 * the figures of that day's done tickets (RESOLVED or CLOSED): how many of each status, category,
 * emotion and priority and how many breached, and the sorted first-response and resolution
 * durations, so that medians stay exact. A done ticket's figures change only with its status (its durations and
 * breach are fixed once it is done, its category, emotion and priority from the start), and every
 * status change of a ticket of a sealed day moves it in the roll-ups in the same transaction, under
 * its row lock ({@link #changed}). Open tickets, whose breach depends on the moment, are always read
 * from the rows. A day is sealed {@link #SEAL_AFTER} after it ends, under the mark's row lock; a
 * change of a ticket near the mark reads the mark under a lock that sealing waits for, so a ticket
 * is moved in the roll-ups exactly when its day is sealed. {@code bench/seed}, writing history behind
 * the module's back, empties the roll-ups and the mark (with no node running).
 */
final class StatsDays {

    private static final Logger LOG = LoggerFactory.getLogger(StatsDays.class);
    static final String MARK = "done";
    /** How long after its end a day is sealed; most tickets of a day are done by then, the rest stay rows. */
    static final Duration SEAL_AFTER = Duration.ofDays(2);
    /**
     * A ticket opened less than this before a change is in a day no node can have sealed (that takes
     * {@link #SEAL_AFTER} after the day's end), so the change does not read the mark.
     */
    static final Duration SURELY_UNSEALED = Duration.ofDays(1);
    static final int DAYS_PER_TRANSACTION = 31;
    /** TicketEntity.DONE as SQL: written out, so that PostgreSQL matches ticket_ticket_open_stats_ix's predicate. */
    static final String DONE = "('RESOLVED', 'CLOSED')";
    private static final String BREACHED_NOW = "CASE WHEN breached_at IS NOT NULL OR (status NOT IN " + DONE
            + " AND waiting_since IS NULL AND ((first_responded_at IS NULL AND first_response_due < ?)"
            + " OR resolution_due < ?)) THEN 1 ELSE 0 END";

    /** The mark this node last saw: days before it are sealed for good (the mark only moves on). */
    private volatile LocalDate sealedUntilSeen;

    /** A done ticket's place in the roll-ups: its day and key, whether it was breached, and its durations. */
    record Member(LocalDate day, String status, String category, String emotion, String priority, boolean breached,
            Long firstResponseSeconds, Long resolutionSeconds) {

        /** The figures it counts in: its status, category, emotion and priority, and "breached" when it was. */
        List<Figure> figures() {
            List<Figure> figures = new ArrayList<>(List.of(new Figure(STATUS, status), new Figure(CATEGORY, category),
                    new Figure(EMOTION, emotion), new Figure(PRIORITY, priority)));
            if (breached) {
                figures.add(new Figure(BREACHED, BREACHED));
            }
            return figures;
        }
    }

    /** One row of a day's counts: a breakdown (status, category, emotion, priority, or breached) and its value. */
    record Figure(String dimension, String figure) implements Comparable<Figure> {
        @Override
        public int compareTo(Figure other) {
            int byDimension = dimension.compareTo(other.dimension);
            return byDimension != 0 ? byDimension : figure.compareTo(other.figure);
        }
    }

    static final String STATUS = "status";
    static final String CATEGORY = "category";
    static final String EMOTION = "emotion";
    static final String PRIORITY = "priority";
    static final String BREACHED = "breached";
    /** The breakdowns in TicketStats' order. */
    private static final List<String> BREAKDOWNS = List.of(STATUS, CATEGORY, EMOTION, PRIORITY);

    // ---- keeping sealed days current ----

    /**
     * Moves a changed ticket in its day's roll-ups when that day is sealed: out with its figures
     * before the change, in with those after (null: open). Runs in the change's transaction, after
     * the ticket's row lock.
     */
    void changed(EntityManager em, Instant createdAt, Member before, Member after, Instant now) {
        if (Objects.equals(before, after) || !inSealedDay(em, createdAt, now)) {
            return;
        }
        // In one order for every change, so that two changes of one day's tickets cannot deadlock.
        Map<Figure, Integer> deltas = new TreeMap<>();
        if (before != null) {
            before.figures().forEach(figure -> deltas.merge(figure, -1, Integer::sum));
        }
        if (after != null) {
            after.figures().forEach(figure -> deltas.merge(figure, 1, Integer::sum));
        }
        LocalDate day = (before != null ? before : after).day();
        deltas.forEach((figure, delta) -> {
            if (delta != 0) {
                addCount(em, day, figure, delta);
            }
        });
        if (!sameDurations(before, after)) {
            moveDurations(em, before, after);
        }
    }

    private boolean inSealedDay(EntityManager em, Instant createdAt, Instant now) {
        LocalDate seen = sealedUntilSeen;
        if (seen != null && createdAt.isBefore(startOf(seen))) {
            return true;
        }
        if (!createdAt.isBefore(now.minus(SURELY_UNSEALED))) {
            return false;
        }
        // Near the mark: read it under a lock that sealing's FOR UPDATE waits for, and that waits for sealing.
        LocalDate until = mark(em, DatabaseProduct.isPostgres(em) ? " FOR SHARE" : " FOR UPDATE");
        remember(until);
        return until != null && createdAt.isBefore(startOf(until));
    }

    private static void addCount(EntityManager em, LocalDate day, Figure figure, int delta) {
        int updated = em.createNativeQuery("UPDATE ticket_day_count SET tickets = tickets + ?"
                + " WHERE on_day = ? AND dimension = ? AND figure = ?").setParameter(1, delta)
                .setParameter(2, Date.valueOf(day)).setParameter(3, figure.dimension()).setParameter(4, figure.figure())
                .executeUpdate();
        if (updated > 0) {
            return;
        }
        if (delta < 0) {
            LOG.error("Ticket statistics of {}: no {} ticket to take out of the roll-ups; the day's figures are off by one",
                    day, figure);
            return;
        }
        // A concurrent insert of the same figure fails on the primary key and the whole change is retried.
        em.createNativeQuery("INSERT INTO ticket_day_count (on_day, dimension, figure, tickets) VALUES (?, ?, ?, ?)")
                .setParameter(1, Date.valueOf(day)).setParameter(2, figure.dimension()).setParameter(3, figure.figure())
                .setParameter(4, delta).executeUpdate();
    }

    private static boolean sameDurations(Member before, Member after) {
        if (before == null || after == null) {
            return before == after;
        }
        return Objects.equals(before.firstResponseSeconds(), after.firstResponseSeconds())
                && Objects.equals(before.resolutionSeconds(), after.resolutionSeconds());
    }

    private static void moveDurations(EntityManager em, Member before, Member after) {
        LocalDate day = (before != null ? before : after).day();
        List<?> rows = em.createNativeQuery("SELECT first_response, resolution FROM ticket_day_durations WHERE on_day = ? FOR UPDATE")
                .setParameter(1, Date.valueOf(day)).getResultList();
        int[] firsts = rows.isEmpty() ? SortedSeconds.NONE : SortedSeconds.unpack((byte[]) ((Object[]) rows.get(0))[0]);
        int[] resolutions = rows.isEmpty() ? SortedSeconds.NONE : SortedSeconds.unpack((byte[]) ((Object[]) rows.get(0))[1]);
        if (before != null && before.firstResponseSeconds() != null) {
            firsts = SortedSeconds.without(firsts, before.firstResponseSeconds());
        }
        if (before != null && before.resolutionSeconds() != null) {
            resolutions = SortedSeconds.without(resolutions, before.resolutionSeconds());
        }
        if (after != null && after.firstResponseSeconds() != null) {
            firsts = SortedSeconds.with(firsts, after.firstResponseSeconds());
        }
        if (after != null && after.resolutionSeconds() != null) {
            resolutions = SortedSeconds.with(resolutions, after.resolutionSeconds());
        }
        String sql = rows.isEmpty() ? "INSERT INTO ticket_day_durations (first_response, resolution, on_day) VALUES (?, ?, ?)"
                : "UPDATE ticket_day_durations SET first_response = ?, resolution = ? WHERE on_day = ?";
        em.createNativeQuery(sql).setParameter(1, SortedSeconds.pack(firsts)).setParameter(2, SortedSeconds.pack(resolutions))
                .setParameter(3, Date.valueOf(day)).executeUpdate();
    }

    // ---- sealing ----

    /** Seals the days that are due, a month per transaction; returns how many it sealed. */
    int seal(Transactions tx, Instant now) {
        int sealed = 0;
        for (;;) {
            Sealing sealing = tx.inTransaction(em -> sealDays(em, now));
            // Remembered once committed: a change trusts it without reading the mark.
            remember(sealing.until());
            if (sealing.days() == 0) {
                return sealed;
            }
            sealed += sealing.days();
        }
    }

    private record Sealing(int days, LocalDate until) {
    }

    private static Sealing sealDays(EntityManager em, Instant now) {
        LocalDate marked = mark(em, " FOR UPDATE");
        LocalDate until = marked;
        if (until == null) {
            Instant first = em.createQuery("SELECT MIN(t.createdAt) FROM TicketEntity t", Instant.class).getSingleResult();
            if (first == null) {
                return new Sealing(0, null);
            }
            until = dayOf(first);
        }
        LocalDate end = earlier(until.plusDays(DAYS_PER_TRANSACTION), dayOf(now.minus(SEAL_AFTER)));
        if (!until.isBefore(end)) {
            return new Sealing(0, marked);
        }
        Connection connection = em.unwrap(Connection.class);
        try (PreparedStatement counts = connection.prepareStatement(
                "INSERT INTO ticket_day_count (on_day, dimension, figure, tickets) VALUES (?, ?, ?, ?)");
                PreparedStatement durations = connection.prepareStatement(
                        "INSERT INTO ticket_day_durations (on_day, first_response, resolution) VALUES (?, ?, ?)")) {
            for (LocalDate day = until; day.isBefore(end); day = day.plusDays(1)) {
                Timestamp from = Timestamp.from(startOf(day));
                Timestamp to = Timestamp.from(startOf(day.plusDays(1)));
                Map<Figure, Long> figures = new TreeMap<>();
                for (Object[] row : rows(em.createNativeQuery("SELECT status, category, emotion_label, priority, COUNT(*),"
                        + " SUM(CASE WHEN breached_at IS NOT NULL THEN 1 ELSE 0 END) FROM ticket_ticket"
                        + " WHERE created_at >= ? AND created_at < ? AND status IN " + DONE
                        + " GROUP BY status, category, emotion_label, priority").setParameter(1, from).setParameter(2, to)
                        .getResultList())) {
                    for (int i = 0; i < BREAKDOWNS.size(); i++) {
                        figures.merge(new Figure(BREAKDOWNS.get(i), (String) row[i]), number(row[4]), Long::sum);
                    }
                    figures.merge(new Figure(BREACHED, BREACHED), number(row[5]), Long::sum);
                }
                for (Map.Entry<Figure, Long> figure : figures.entrySet()) {
                    counts.setDate(1, Date.valueOf(day));
                    counts.setString(2, figure.getKey().dimension());
                    counts.setString(3, figure.getKey().figure());
                    counts.setLong(4, figure.getValue());
                    counts.addBatch();
                }
                SortedSeconds.Collector firsts = new SortedSeconds.Collector();
                SortedSeconds.Collector resolutions = new SortedSeconds.Collector();
                for (Object[] row : rows(em.createNativeQuery("SELECT first_response_seconds, resolution_seconds FROM ticket_ticket"
                        + " WHERE created_at >= ? AND created_at < ? AND status IN " + DONE).setParameter(1, from)
                        .setParameter(2, to).getResultList())) {
                    addIfSet(firsts, row[0]);
                    addIfSet(resolutions, row[1]);
                }
                // Every sealed day has its row, so that a change of its tickets always updates one.
                durations.setDate(1, Date.valueOf(day));
                durations.setBytes(2, SortedSeconds.pack(firsts.sorted()));
                durations.setBytes(3, SortedSeconds.pack(resolutions.sorted()));
                durations.addBatch();
            }
            counts.executeBatch();
            durations.executeBatch();
        } catch (SQLException e) {
            throw new PersistenceException("Sealing the ticket statistics' days failed", e);
        }
        em.createNativeQuery("UPDATE ticket_stats_mark SET sealed_until = ? WHERE name = ?").setParameter(1, Date.valueOf(end))
                .setParameter(2, MARK).executeUpdate();
        return new Sealing((int) (end.toEpochDay() - until.toEpochDay()), end);
    }

    // ---- reading ----

    /**
     * The statistics of tickets opened in [start, end): its whole sealed days' done tickets from the
     * roll-ups, everything else from the rows. Run in a transaction of its own: on PostgreSQL all of
     * it reads one snapshot; on H2 the counts are one statement and the durations two more.
     */
    TicketStats stats(EntityManager em, Instant start, Instant end, Instant now) {
        if (DatabaseProduct.isPostgres(em)) {
            // one snapshot for every statement of the statistics (it only reads, so it never has to retry)
            em.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").executeUpdate();
        }
        LocalDate until = mark(em, "");
        remember(until);
        List<SealedDays.Span> spans = SealedDays.split(start, end, until);

        List<String> counted = new ArrayList<>();
        List<Object> countParameters = new ArrayList<>();
        List<String> timed = new ArrayList<>();
        List<Object> timeParameters = new ArrayList<>();
        List<Object> sealedDays = null;
        for (SealedDays.Span span : spans) {
            Timestamp from = Timestamp.from(span.from());
            Timestamp to = Timestamp.from(span.to());
            String rowsOf = "FROM ticket_ticket WHERE created_at >= ? AND created_at < ?";
            if (span.sealed()) {
                sealedDays = List.of(Date.valueOf(span.firstDay()), Date.valueOf(span.endDay()));
                rowsOf += " AND status NOT IN " + DONE;
            }
            counted.add("SELECT status, category, emotion_label, priority, " + BREACHED_NOW + " AS breached " + rowsOf);
            countParameters.addAll(List.of(Timestamp.from(now), Timestamp.from(now), from, to));
            timed.add("SELECT first_response_seconds, resolution_seconds " + rowsOf
                    + " AND (first_response_seconds IS NOT NULL OR resolution_seconds IS NOT NULL)");
            timeParameters.addAll(List.of(from, to));
        }
        // One statement, so one snapshot: the rows grouped once, each breakdown of them, the sealed days' counts.
        StringBuilder sql = new StringBuilder("WITH r AS (SELECT status, category, emotion_label, priority, COUNT(*) AS tickets,"
                + " SUM(breached) AS breached FROM (" + String.join(" UNION ALL ", counted) + ") t"
                + " GROUP BY status, category, emotion_label, priority)"
                + " SELECT '" + STATUS + "' AS dimension, status AS figure, SUM(tickets) AS tickets FROM r GROUP BY status"
                + " UNION ALL SELECT '" + CATEGORY + "', category, SUM(tickets) FROM r GROUP BY category"
                + " UNION ALL SELECT '" + EMOTION + "', emotion_label, SUM(tickets) FROM r GROUP BY emotion_label"
                + " UNION ALL SELECT '" + PRIORITY + "', priority, SUM(tickets) FROM r GROUP BY priority"
                + " UNION ALL SELECT '" + BREACHED + "', '" + BREACHED + "', SUM(breached) FROM r");
        if (sealedDays != null) {
            sql.append(" UNION ALL SELECT dimension, figure, SUM(tickets) FROM ticket_day_count WHERE on_day >= ? AND on_day < ?"
                    + " GROUP BY dimension, figure");
            countParameters.addAll(sealedDays);
        }
        long breached = 0;
        Map<String, Map<String, Long>> breakdowns = new HashMap<>();
        BREAKDOWNS.forEach(dimension -> breakdowns.put(dimension, new TreeMap<>()));
        for (Object[] row : rows(withParameters(em.createNativeQuery(sql.toString()), countParameters).getResultList())) {
            if (BREACHED.equals(row[0])) {
                breached += number(row[2]);
            } else {
                breakdowns.get((String) row[0]).merge((String) row[1], number(row[2]), Long::sum);
            }
        }
        long total = breakdowns.get(STATUS).values().stream().mapToLong(Long::longValue).sum();

        // The durations through JDBC: a month's open tickets are tens of thousands of rows, and
        // EclipseLink's row objects cost more than reading them (JFR).
        List<int[]> firsts = new ArrayList<>();
        List<int[]> resolutions = new ArrayList<>();
        Connection connection = em.unwrap(Connection.class);
        try {
            if (sealedDays != null) {
                try (PreparedStatement days = prepared(connection, "SELECT first_response, resolution FROM ticket_day_durations"
                        + " WHERE on_day >= ? AND on_day < ?", sealedDays); ResultSet rows = days.executeQuery()) {
                    while (rows.next()) {
                        firsts.add(SortedSeconds.unpack(rows.getBytes(1)));
                        resolutions.add(SortedSeconds.unpack(rows.getBytes(2)));
                    }
                }
            }
            SortedSeconds.Collector rowFirsts = new SortedSeconds.Collector();
            SortedSeconds.Collector rowResolutions = new SortedSeconds.Collector();
            try (PreparedStatement open = prepared(connection, String.join(" UNION ALL ", timed), timeParameters);
                    ResultSet rows = open.executeQuery()) {
                while (rows.next()) {
                    long first = rows.getLong(1);
                    if (!rows.wasNull()) {
                        rowFirsts.add(first);
                    }
                    long resolution = rows.getLong(2);
                    if (!rows.wasNull()) {
                        rowResolutions.add(resolution);
                    }
                }
            }
            firsts.add(rowFirsts.sorted());
            resolutions.add(rowResolutions.sorted());
        } catch (SQLException e) {
            throw new PersistenceException("Reading the ticket statistics' durations failed", e);
        }
        return new TicketStats(start, end, total, breakdowns.get(STATUS), breakdowns.get(CATEGORY), breakdowns.get(EMOTION),
                breakdowns.get(PRIORITY), breached, total == 0 ? 0.0 : (double) breached / total, SortedSeconds.median(firsts),
                SortedSeconds.median(resolutions));
    }

    // ---- helpers ----

    /** The mark as read with {@code lock} ("" for none): the first day not sealed, null while nothing is. */
    private static LocalDate mark(EntityManager em, String lock) {
        List<?> rows = em.createNativeQuery("SELECT sealed_until FROM ticket_stats_mark WHERE name = ?" + lock)
                .setParameter(1, MARK).getResultList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("ticket_stats_mark has no row " + MARK + " (changeset 5 inserts it)");
        }
        return rows.get(0) == null ? null : ((Date) rows.get(0)).toLocalDate();
    }

    private void remember(LocalDate until) {
        LocalDate seen = sealedUntilSeen;
        if (until != null && (seen == null || until.isAfter(seen))) {
            sealedUntilSeen = until;
        }
    }

    private static Query withParameters(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query;
    }

    private static void addIfSet(SortedSeconds.Collector values, Object value) {
        if (value != null) {
            values.add(((Number) value).longValue());
        }
    }

    private static PreparedStatement prepared(Connection connection, String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(List<?> result) {
        return (List<Object[]>) result;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
