package org.calmdesk.ticket.internal;

import static org.calmdesk.core.persistence.SealedDays.dayOf;
import static org.calmdesk.core.persistence.SealedDays.earlier;
import static org.calmdesk.core.persistence.SealedDays.startOf;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * the figures of that day's done tickets (RESOLVED or CLOSED): counts per status, category, emotion
 * and priority with the breached ones, and the sorted first-response and resolution durations, so
 * that medians stay exact. A done ticket's figures change only with its status (its durations and
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
    private static final String DONE = "('RESOLVED', 'CLOSED')";
    private static final String BREACHED_NOW = "CASE WHEN breached_at IS NOT NULL OR (status NOT IN " + DONE
            + " AND waiting_since IS NULL AND ((first_responded_at IS NULL AND first_response_due < ?)"
            + " OR resolution_due < ?)) THEN 1 ELSE 0 END";

    /** The mark this node last saw: days before it are sealed for good (the mark only moves on). */
    private volatile LocalDate sealedUntilSeen;

    /** A done ticket's place in the roll-ups: its day and key, whether it was breached, and its durations. */
    record Member(LocalDate day, String status, String category, String emotion, String priority, boolean breached,
            Long firstResponseSeconds, Long resolutionSeconds) {
    }

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
        if (before != null) {
            addCount(em, before, -1);
        }
        if (after != null) {
            addCount(em, after, 1);
        }
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

    private static void addCount(EntityManager em, Member member, int delta) {
        int updated = em.createNativeQuery("UPDATE ticket_day_count SET tickets = tickets + ?, breached = breached + ?"
                + " WHERE on_day = ? AND status = ? AND category = ? AND emotion_label = ? AND priority = ?")
                .setParameter(1, delta).setParameter(2, member.breached() ? delta : 0)
                .setParameter(3, Date.valueOf(member.day())).setParameter(4, member.status())
                .setParameter(5, member.category()).setParameter(6, member.emotion()).setParameter(7, member.priority())
                .executeUpdate();
        if (updated > 0) {
            return;
        }
        if (delta < 0) {
            LOG.error("Ticket statistics of {}: no {} ticket to take out of the roll-ups; the day's figures are off by one",
                    member.day(), member);
            return;
        }
        // A concurrent insert of the same key fails on the primary key and the whole change is retried.
        em.createNativeQuery("INSERT INTO ticket_day_count (on_day, status, category, emotion_label, priority, tickets, breached)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)").setParameter(1, Date.valueOf(member.day())).setParameter(2, member.status())
                .setParameter(3, member.category()).setParameter(4, member.emotion()).setParameter(5, member.priority())
                .setParameter(6, delta).setParameter(7, member.breached() ? delta : 0).executeUpdate();
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
        try (PreparedStatement counts = connection.prepareStatement("INSERT INTO ticket_day_count (on_day, status, category,"
                + " emotion_label, priority, tickets, breached) VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement durations = connection.prepareStatement(
                        "INSERT INTO ticket_day_durations (on_day, first_response, resolution) VALUES (?, ?, ?)")) {
            for (LocalDate day = until; day.isBefore(end); day = day.plusDays(1)) {
                Timestamp from = Timestamp.from(startOf(day));
                Timestamp to = Timestamp.from(startOf(day.plusDays(1)));
                for (Object[] row : rows(em.createNativeQuery("SELECT status, category, emotion_label, priority, COUNT(*),"
                        + " SUM(CASE WHEN breached_at IS NOT NULL THEN 1 ELSE 0 END) FROM ticket_ticket"
                        + " WHERE created_at >= ? AND created_at < ? AND status IN " + DONE
                        + " GROUP BY status, category, emotion_label, priority").setParameter(1, from).setParameter(2, to)
                        .getResultList())) {
                    counts.setDate(1, Date.valueOf(day));
                    for (int i = 0; i < 4; i++) {
                        counts.setString(2 + i, (String) row[i]);
                    }
                    counts.setLong(6, number(row[4]));
                    counts.setLong(7, number(row[5]));
                    counts.addBatch();
                }
                List<Long> firsts = new ArrayList<>();
                List<Long> resolutions = new ArrayList<>();
                for (Object[] row : rows(em.createNativeQuery("SELECT first_response_seconds, resolution_seconds FROM ticket_ticket"
                        + " WHERE created_at >= ? AND created_at < ? AND status IN " + DONE).setParameter(1, from)
                        .setParameter(2, to).getResultList())) {
                    addIfSet(firsts, row[0]);
                    addIfSet(resolutions, row[1]);
                }
                // Every sealed day has its row, so that a change of its tickets always updates one.
                durations.setDate(1, Date.valueOf(day));
                durations.setBytes(2, SortedSeconds.pack(SortedSeconds.sorted(firsts)));
                durations.setBytes(3, SortedSeconds.pack(SortedSeconds.sorted(resolutions)));
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
     * roll-ups, everything else from the rows. The counts are one statement and the durations
     * another (each one consistent snapshot, as the two passes over the rows were before).
     */
    TicketStats stats(EntityManager em, Instant start, Instant end, Instant now) {
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
                counted.add("SELECT status, category, emotion_label, priority, tickets, breached FROM ticket_day_count"
                        + " WHERE on_day >= ? AND on_day < ?");
                countParameters.addAll(sealedDays);
                rowsOf += " AND status NOT IN " + DONE;
            }
            counted.add("SELECT status, category, emotion_label, priority, 1 AS tickets, " + BREACHED_NOW + " AS breached " + rowsOf);
            countParameters.addAll(List.of(Timestamp.from(now), Timestamp.from(now), from, to));
            timed.add("SELECT first_response_seconds, resolution_seconds " + rowsOf
                    + " AND (first_response_seconds IS NOT NULL OR resolution_seconds IS NOT NULL)");
            timeParameters.addAll(List.of(from, to));
        }

        long total = 0;
        long breached = 0;
        List<Map<String, Long>> breakdowns = List.of(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        for (Object[] group : rows(withParameters(em.createNativeQuery("SELECT status, category, emotion_label, priority,"
                + " SUM(tickets), SUM(breached) FROM (" + String.join(" UNION ALL ", counted) + ") t"
                + " GROUP BY status, category, emotion_label, priority"), countParameters).getResultList())) {
            long count = number(group[4]);
            for (int i = 0; i < breakdowns.size(); i++) {
                breakdowns.get(i).merge(String.valueOf(group[i]), count, Long::sum);
            }
            total += count;
            breached += number(group[5]);
        }

        List<int[]> firsts = new ArrayList<>();
        List<int[]> resolutions = new ArrayList<>();
        if (sealedDays != null) {
            for (Object[] day : rows(withParameters(em.createNativeQuery("SELECT first_response, resolution"
                    + " FROM ticket_day_durations WHERE on_day >= ? AND on_day < ?"), sealedDays).getResultList())) {
                firsts.add(SortedSeconds.unpack((byte[]) day[0]));
                resolutions.add(SortedSeconds.unpack((byte[]) day[1]));
            }
        }
        List<Long> rowFirsts = new ArrayList<>();
        List<Long> rowResolutions = new ArrayList<>();
        for (Object[] row : rows(withParameters(em.createNativeQuery(String.join(" UNION ALL ", timed)), timeParameters)
                .getResultList())) {
            addIfSet(rowFirsts, row[0]);
            addIfSet(rowResolutions, row[1]);
        }
        firsts.add(SortedSeconds.sorted(rowFirsts));
        resolutions.add(SortedSeconds.sorted(rowResolutions));
        return new TicketStats(start, end, total, breakdowns.get(0), breakdowns.get(1), breakdowns.get(2), breakdowns.get(3),
                breached, total == 0 ? 0.0 : (double) breached / total, SortedSeconds.median(firsts),
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

    private static void addIfSet(List<Long> values, Object value) {
        if (value != null) {
            values.add(((Number) value).longValue());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(List<?> result) {
        return (List<Object[]>) result;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
