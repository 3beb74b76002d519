package org.calmdesk.survey.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.persistence.SealedDays;
import org.calmdesk.survey.api.Invitation;
import org.calmdesk.survey.api.InvitationChannel;
import org.calmdesk.survey.api.InvitationDraft;
import org.calmdesk.survey.api.SurveyReport;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The report's day roll-ups (issue 17): sealed days give the same figures as the rows, are read instead of them, and are sealed once. */
class ReportDaysTest {

    private String url;
    private EntityManagerFactory emf;

    @BeforeEach
    void setUp() {
        url = SurveyTestSupport.newH2Url();
        emf = SurveyTestSupport.h2(url);
    }

    @AfterEach
    void tearDown() {
        emf.close();
    }

    @Test
    void sealedDaysGiveTheFiguresOfTheRowsAndAreReadInsteadOfThem() throws Exception {
        ReportHistory history = new ReportHistory(emf).write();
        List<SurveyReport> fromRows = history.reports();
        assertTrue(fromRows.get(0).csat().answers() > 20 && fromRows.get(0).invited() > 40, "the history has something to count");

        SurveyStore.Sealed sealed = new SurveyStore(emf).sealReportDays(history.clock.instant());
        assertEquals(10, sealed.answerDays(), "day 10 began 30 minutes ago: not sealed");
        assertTrue(sealed.invitationDays() >= 1 && sealed.invitationDays() < 10, "days with invitations that can still be answered stay open");
        assertEquals(fromRows, history.reports());
        assertEquals(new SurveyStore.Sealed(0, 0), new SurveyStore(emf).sealReportDays(history.clock.instant()), "a day is sealed once");

        // With the sealed days' rows gone, the windows of whole days are unchanged: they read those days
        // from the roll-ups. A window inside one day reads that day's rows, which are gone.
        int deleted = deleteRowsBefore(history.clock.instant());
        assertTrue(deleted > 50, "rows deleted: " + deleted);
        List<SurveyReport> afterDelete = history.reports();
        assertEquals(fromRows.subList(0, 2), afterDelete.subList(0, 2));
        assertTrue(fromRows.get(3).csat().answers() > 0);
        assertEquals(0, afterDelete.get(3).csat().answers());
    }

    @Test
    void aDayOfInvitationsIsSealedOnlyWhenNoneOfThemCanStillBeAnswered() throws Exception {
        ReportHistory history = new ReportHistory(emf);
        history.survey = history.service.create(new org.calmdesk.survey.api.SurveyDraft("回访", org.calmdesk.survey.api.SurveyTrigger.MANUAL,
                true, ReportHistory.QUESTIONS), "admin");
        Instant sent = history.clock.instant();
        Invitation answered = invite(history);
        Invitation later = invite(history);
        invite(history); // never answered: valid for 7 days
        history.service.answer(answered.token(), Map.of("csat", 5, "nps", 10));
        Instant dayAfter = SealedDays.startOf(SealedDays.dayOf(sent).plusDays(1));

        history.clock.advance(Duration.ofDays(3));
        SurveyStore.Sealed sealed = new SurveyStore(emf).sealReportDays(history.clock.instant());
        assertEquals(3, sealed.answerDays());
        assertEquals(0, sealed.invitationDays(), "two of the day's invitations can still be answered");
        history.service.answer(later.token(), Map.of("csat", 2, "nps", 4));
        SurveyReport firstDay = history.service.report(history.survey.id(), SealedDays.startOf(SealedDays.dayOf(sent)), dayAfter);
        assertEquals(3, firstDay.invited());
        assertEquals(2, firstDay.responded(), "an answer three days later counts for the day its invitation was sent");

        history.clock.advance(Duration.ofDays(4).plus(ReportDays.SETTLE));
        assertEquals(0, new SurveyStore(emf).sealReportDays(history.clock.instant()).invitationDays(),
                "the last invitation expired less than SETTLE ago: an answer may still be committing");
        history.clock.advance(Duration.ofMinutes(1));
        assertEquals(7, new SurveyStore(emf).sealReportDays(history.clock.instant()).invitationDays());
        deleteRowsBefore(history.clock.instant());
        SurveyReport sealedDay = history.service.report(history.survey.id(), SealedDays.startOf(SealedDays.dayOf(sent)), dayAfter);
        assertEquals(firstDay.invited(), sealedDay.invited());
        assertEquals(firstDay.responded(), sealedDay.responded());
        assertEquals(firstDay.csat(), sealedDay.csat());
    }

    @Test
    void twoNodesSealingAtOnceSealEachDayOnce() throws Exception {
        ReportHistory history = new ReportHistory(emf).write();
        List<SurveyReport> fromRows = history.reports();
        EntityManagerFactory second = SurveyTestSupport.h2(url);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<SurveyStore.Sealed>> runs = new ArrayList<>();
            for (EntityManagerFactory node : List.of(emf, second)) {
                runs.add(pool.submit(() -> new SurveyStore(node).sealReportDays(history.clock.instant())));
            }
            int answerDays = 0;
            for (Future<SurveyStore.Sealed> run : runs) {
                answerDays += run.get().answerDays();
            }
            assertEquals(10, answerDays, "each day sealed by one of the two");
        } finally {
            pool.shutdownNow();
            second.close();
        }
        assertEquals(fromRows, history.reports());
    }

    private static Invitation invite(ReportHistory history) {
        return history.service.invite(history.survey.id(), new InvitationDraft("c1", "t2", InvitationChannel.SMS), "agent");
    }

    /**
     * Deletes the answers, scores and invitations of the days sealed (by the mark of their kind) and
     * stored before {@code before}, the way no code of the module does; returns how many.
     */
    private int deleteRowsBefore(Instant before) throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        int deleted = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (String[] kind : List.of(new String[] { ReportDays.ANSWERS, "survey_score", "responded_at" },
                    new String[] { ReportDays.ANSWERS, "survey_answer", "responded_at" },
                    new String[] { ReportDays.INVITATIONS, "survey_invitation", "sent_at" })) {
                LocalDate sealedUntil;
                try (PreparedStatement mark = connection.prepareStatement("SELECT sealed_until FROM survey_report_mark WHERE name = ?")) {
                    mark.setString(1, kind[0]);
                    try (var rows = mark.executeQuery()) {
                        rows.next();
                        sealedUntil = rows.getDate(1).toLocalDate();
                    }
                }
                Instant end = SealedDays.startOf(sealedUntil).isBefore(before) ? SealedDays.startOf(sealedUntil) : before;
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + kind[1] + " WHERE " + kind[2] + " < ?")) {
                    delete.setTimestamp(1, Timestamp.from(end));
                    deleted += delete.executeUpdate();
                }
            }
        }
        return deleted;
    }
}
