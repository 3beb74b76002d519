package org.calmdesk.survey.internal;

import static org.calmdesk.core.persistence.SealedDays.dayOf;
import static org.calmdesk.core.persistence.SealedDays.earlier;
import static org.calmdesk.core.persistence.SealedDays.startOf;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

import org.calmdesk.core.persistence.SealedDays;
import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.survey.api.InvitationStatus;
import org.calmdesk.survey.api.QuestionType;

/**
 * The survey report's day roll-ups (changeset 3): for each survey and UTC day, the report's sums of
 * that day's scores, answers and invitations ({@link ReportFigures}), written once the day can no
 * longer change ("sealed") and read instead of the day's rows. A day of answers and scores is
 * sealed {@link #SETTLE} after it ends: answers are stamped when given and never move to another
 * day, and erasing or merging a customer changes neither their scores nor their category. A day of
 * invitations changes until none of its invitations can still be answered, so it is sealed once
 * every one has been answered or has expired. Each kind has a mark, the first day not sealed; days
 * are sealed in mark order under the mark's row lock, so nodes sharing a database seal each day once.
 * A mark is empty until there is data: {@code bench/seed}, writing history behind the module's
 * back, empties the marks and the roll-ups so that they are sealed again from its rows.
 */
final class ReportDays {

    static final String ANSWERS = "answers";
    static final String INVITATIONS = "invitations";
    /** How long after a day's end it is sealed: an answer's time is taken before its transaction commits, and nodes' clocks differ. */
    static final Duration SETTLE = Duration.ofHours(2);
    /** Days sealed in one transaction (a first run over three years of history takes several). */
    static final int DAYS_PER_TRANSACTION = 31;

    private ReportDays() {
    }

    /** The first day of answers and of invitations not sealed yet (null: nothing is). */
    record Marks(LocalDate answersSealedUntil, LocalDate invitationsSealedUntil) {
    }

    static Marks marks(EntityManager em) {
        LocalDate answers = null;
        LocalDate invitations = null;
        for (Object[] row : rows(em.createNativeQuery("SELECT name, sealed_until FROM survey_report_mark").getResultList())) {
            LocalDate until = row[1] == null ? null : ((Date) row[1]).toLocalDate();
            if (ANSWERS.equals(row[0])) {
                answers = until;
            } else if (INVITATIONS.equals(row[0])) {
                invitations = until;
            }
        }
        return new Marks(answers, invitations);
    }

    static void answersInto(EntityManager em, ReportFigures figures, String surveyId, SealedDays.Span days) {
        for (Object[] row : rows(em.createNativeQuery("SELECT ticket_category, question_type, negativity_band, SUM(answers),"
                + " SUM(value_sum), SUM(satisfied), SUM(promoters), SUM(detractors) FROM survey_day_score"
                + " WHERE survey_id = ? AND on_day >= ? AND on_day < ? GROUP BY ticket_category, question_type, negativity_band")
                .setParameter(1, surveyId).setParameter(2, Date.valueOf(days.firstDay())).setParameter(3, Date.valueOf(days.endDay()))
                .getResultList())) {
            figures.addScores(new ReportFigures.ScoreGroup((String) row[0], QuestionType.valueOf((String) row[1]), band(row[2])),
                    number(row[3]), number(row[4]), number(row[5]), number(row[6]), number(row[7]));
        }
        for (Object[] row : rows(em.createNativeQuery("SELECT ticket_category, negativity_band, SUM(answers), SUM(negativity_sum)"
                + " FROM survey_day_answer WHERE survey_id = ? AND on_day >= ? AND on_day < ? GROUP BY ticket_category, negativity_band")
                .setParameter(1, surveyId).setParameter(2, Date.valueOf(days.firstDay())).setParameter(3, Date.valueOf(days.endDay()))
                .getResultList())) {
            figures.addAnswers(new ReportFigures.AnswerGroup((String) row[0], band(row[1])), number(row[2]), number(row[3]));
        }
    }

    static void invitationsInto(EntityManager em, ReportFigures figures, String surveyId, SealedDays.Span days) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT SUM(invited), SUM(responded) FROM survey_day_invitation"
                + " WHERE survey_id = ? AND on_day >= ? AND on_day < ?").setParameter(1, surveyId)
                .setParameter(2, Date.valueOf(days.firstDay())).setParameter(3, Date.valueOf(days.endDay())).getSingleResult();
        figures.addInvitations(number(row[0]), number(row[1]));
    }

    /** Seals the answers' days that are due, a month per transaction; returns how many it sealed. */
    static int sealAnswers(Transactions tx, Instant now) {
        int sealed = 0;
        for (int days; (days = tx.inTransaction(em -> sealAnswerDays(em, now))) > 0;) {
            sealed += days;
        }
        return sealed;
    }

    /** Seals the invitations' days that are due, a month per transaction; returns how many it sealed. */
    static int sealInvitations(Transactions tx, Instant now) {
        int sealed = 0;
        for (int days; (days = tx.inTransaction(em -> sealInvitationDays(em, now))) > 0;) {
            sealed += days;
        }
        return sealed;
    }

    private static int sealAnswerDays(EntityManager em, Instant now) {
        LocalDate until = sealFrom(em, ANSWERS, "SELECT MIN(a.respondedAt) FROM AnswerEntity a");
        if (until == null) {
            return 0;
        }
        LocalDate end = earlier(until.plusDays(DAYS_PER_TRANSACTION), dayOf(now.minus(SETTLE)));
        if (!until.isBefore(end)) {
            return 0;
        }
        List<String> surveys = surveyIds(em);
        try (PreparedStatement scores = connection(em).prepareStatement("INSERT INTO survey_day_score (survey_id, on_day,"
                + " ticket_category, question_type, negativity_band, answers, value_sum, satisfied, promoters, detractors)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement answers = connection(em).prepareStatement("INSERT INTO survey_day_answer (survey_id, on_day,"
                        + " ticket_category, negativity_band, answers, negativity_sum) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (LocalDate day = until; day.isBefore(end); day = day.plusDays(1)) {
                for (String survey : surveys) {
                    ReportFigures figures = new ReportFigures();
                    SurveyReports.answersInto(em, figures, survey, startOf(day), startOf(day.plusDays(1)));
                    for (Map.Entry<ReportFigures.ScoreGroup, ReportFigures.Tally> group : figures.scores.entrySet()) {
                        ReportFigures.Tally tally = group.getValue();
                        scores.setString(1, survey);
                        scores.setDate(2, Date.valueOf(day));
                        scores.setString(3, group.getKey().category());
                        scores.setString(4, group.getKey().type().name());
                        setBand(scores, 5, group.getKey().band());
                        scores.setLong(6, tally.answers);
                        scores.setLong(7, tally.sum);
                        scores.setLong(8, tally.satisfied);
                        scores.setLong(9, tally.promoters);
                        scores.setLong(10, tally.detractors);
                        scores.addBatch();
                    }
                    for (Map.Entry<ReportFigures.AnswerGroup, ReportFigures.AnswerSums> group : figures.answers.entrySet()) {
                        answers.setString(1, survey);
                        answers.setDate(2, Date.valueOf(day));
                        answers.setString(3, group.getKey().category());
                        setBand(answers, 4, group.getKey().band());
                        answers.setLong(5, group.getValue().answers);
                        answers.setLong(6, group.getValue().negativitySum);
                        answers.addBatch();
                    }
                }
            }
            scores.executeBatch();
            answers.executeBatch();
        } catch (SQLException e) {
            throw new PersistenceException("Sealing survey answers' days failed", e);
        }
        setMark(em, ANSWERS, end);
        return (int) (end.toEpochDay() - until.toEpochDay());
    }

    private static int sealInvitationDays(EntityManager em, Instant now) {
        LocalDate until = sealFrom(em, INVITATIONS, "SELECT MIN(i.sentAt) FROM InvitationEntity i");
        if (until == null) {
            return 0;
        }
        LocalDate end = earlier(until.plusDays(DAYS_PER_TRANSACTION), dayOf(now.minus(SETTLE)));
        List<String> surveys = surveyIds(em);
        // The day of the earliest invitation that can still be answered stays open, and so do the days after it.
        for (String survey : surveys) {
            Instant open = em.createQuery("SELECT MIN(i.sentAt) FROM InvitationEntity i WHERE i.surveyId = :survey"
                    + " AND i.sentAt >= :from AND i.status = :sent AND i.expiresAt >= :cutoff", Instant.class)
                    .setParameter("survey", survey).setParameter("from", startOf(until)).setParameter("sent", InvitationStatus.SENT)
                    .setParameter("cutoff", now.minus(SETTLE)).getSingleResult();
            if (open != null) {
                end = earlier(end, dayOf(open));
            }
        }
        if (!until.isBefore(end)) {
            return 0;
        }
        try (PreparedStatement insert = connection(em).prepareStatement(
                "INSERT INTO survey_day_invitation (survey_id, on_day, invited, responded) VALUES (?, ?, ?, ?)")) {
            for (LocalDate day = until; day.isBefore(end); day = day.plusDays(1)) {
                for (String survey : surveys) {
                    ReportFigures figures = new ReportFigures();
                    SurveyReports.invitationsInto(em, figures, survey, startOf(day), startOf(day.plusDays(1)));
                    if (figures.invited > 0) {
                        insert.setString(1, survey);
                        insert.setDate(2, Date.valueOf(day));
                        insert.setLong(3, figures.invited);
                        insert.setLong(4, figures.responded);
                        insert.addBatch();
                    }
                }
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new PersistenceException("Sealing survey invitations' days failed", e);
        }
        setMark(em, INVITATIONS, end);
        return (int) (end.toEpochDay() - until.toEpochDay());
    }

    /** The first day to seal: the mark (under its row lock), or while it is empty the day of the first row; null: no row yet. */
    private static LocalDate sealFrom(EntityManager em, String name, String firstJpql) {
        LocalDate until = lockedMark(em, name);
        if (until != null) {
            return until;
        }
        Instant first = em.createQuery(firstJpql, Instant.class).getSingleResult();
        return first == null ? null : dayOf(first);
    }

    /** The mark under its row lock: a second node sealing at the same time waits, then sees the days sealed. */
    private static LocalDate lockedMark(EntityManager em, String name) {
        List<?> rows = em.createNativeQuery("SELECT sealed_until FROM survey_report_mark WHERE name = ? FOR UPDATE")
                .setParameter(1, name).getResultList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("survey_report_mark has no row " + name + " (changeset 3 inserts it)");
        }
        return rows.get(0) == null ? null : ((Date) rows.get(0)).toLocalDate();
    }

    private static void setMark(EntityManager em, String name, LocalDate until) {
        em.createNativeQuery("UPDATE survey_report_mark SET sealed_until = ? WHERE name = ?").setParameter(1, Date.valueOf(until))
                .setParameter(2, name).executeUpdate();
    }

    private static List<String> surveyIds(EntityManager em) {
        return em.createQuery("SELECT s.id FROM SurveyEntity s ORDER BY s.id", String.class).getResultList();
    }

    /** The transaction's own connection: the roll-up rows are one JDBC batch, in the transaction that moves the mark. */
    private static Connection connection(EntityManager em) {
        return em.unwrap(Connection.class);
    }

    private static void setBand(PreparedStatement statement, int index, int band) throws SQLException {
        if (band == ReportFigures.NO_BAND) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, band);
        }
    }

    private static int band(Object stored) {
        return stored == null ? ReportFigures.NO_BAND : ((Number) stored).intValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(List<?> result) {
        return (List<Object[]>) result;
    }

    private static long number(Object value) {
        return SurveyReports.number(value);
    }
}
