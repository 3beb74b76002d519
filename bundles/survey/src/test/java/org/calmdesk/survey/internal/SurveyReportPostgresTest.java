package org.calmdesk.survey.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.testing.PostgresSchema;
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
}
