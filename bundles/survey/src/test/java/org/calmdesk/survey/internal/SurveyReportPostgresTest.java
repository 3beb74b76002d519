package org.calmdesk.survey.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.testing.PostgresSchema;
import org.calmdesk.survey.api.SurveyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The report's counts read only indexes on PostgreSQL (issue 17): changeset 2's covering ones and survey_score_report_ix. */
@EnabledIfSystemProperty(named = PostgresSchema.URL_PROPERTY, matches = ".+", disabledReason = "needs -Ppostgres")
class SurveyReportPostgresTest {

    @Test
    void theReportsCountsAreIndexOnlyReads() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            EntityManagerFactory emf = schema.emf("calmdesk.survey");
            emf.close();
            String[] indexesOnly = { "enable_seqscan = off", "enable_bitmapscan = off" };
            assertTrue(schema.plan("SELECT count(sent_at), sum(CASE WHEN status = 'RESPONDED' THEN 1 ELSE 0 END) FROM survey_invitation"
                    + " WHERE survey_id = 's' AND sent_at >= now() - interval '90 days' AND sent_at < now()", indexesOnly)
                    .contains("Index Only Scan using survey_invitation_report_ix"));
            assertTrue(schema.plan("SELECT ticket_category, ticket_negativity, count(responded_at) FROM survey_answer WHERE survey_id = 's'"
                    + " AND responded_at >= now() - interval '90 days' AND responded_at < now() GROUP BY 1, 2", indexesOnly)
                    .contains("Index Only Scan using survey_answer_report_ix"));
            assertTrue(schema.plan("SELECT ticket_category, question_type, ticket_negativity, count(responded_at), sum(score_value)"
                    + " FROM survey_score WHERE survey_id = 's' AND question_type IN ('CSAT', 'NPS') AND responded_at >= now() - interval"
                    + " '90 days' AND responded_at < now() GROUP BY 1, 2, 3", indexesOnly).contains("Index Only Scan using survey_score_report_ix"));
        }
    }

    /** The day roll-ups on PostgreSQL (native SQL, dates, the mark's row lock): two nodes seal at once, each day once, and the figures stay. */
    @Test
    void sealedDaysGiveTheFiguresOfTheRows() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            EntityManagerFactory emf = schema.emf("calmdesk.survey");
            EntityManagerFactory second = schema.emf("calmdesk.survey");
            try {
                ReportHistory history = new ReportHistory(emf).write();
                List<SurveyReport> fromRows = history.reports();
                CompletableFuture<SurveyStore.Sealed> one = CompletableFuture.supplyAsync(
                        () -> new SurveyStore(emf).sealReportDays(history.clock.instant()));
                CompletableFuture<SurveyStore.Sealed> two = CompletableFuture.supplyAsync(
                        () -> new SurveyStore(second).sealReportDays(history.clock.instant()));
                assertEquals(10, one.get().answerDays() + two.get().answerDays());
                assertTrue(one.get().invitationDays() + two.get().invitationDays() > 0);
                assertEquals(fromRows, history.reports());
            } finally {
                second.close();
                emf.close();
            }
        }
    }
}
