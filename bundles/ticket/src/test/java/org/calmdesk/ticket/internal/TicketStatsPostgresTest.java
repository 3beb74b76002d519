package org.calmdesk.ticket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.core.testing.MutableClock;
import org.calmdesk.core.testing.PostgresSchema;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.ticket.api.EmotionInput;
import org.calmdesk.ticket.api.Priority;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketCategory;
import org.calmdesk.ticket.api.TicketChannel;
import org.calmdesk.ticket.api.TicketDraft;
import org.calmdesk.ticket.api.TicketStats;
import org.calmdesk.ticket.api.TicketStatus;
import org.calmdesk.ticket.api.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Ticket statistics on PostgreSQL (issue 17): medians as PERCENTILE_CONT gives them; the days not
 * sealed are read from the covering index of changeset 3, the open tickets of sealed days from
 * changeset 5's, and sealed days give the figures of the rows while their tickets change.
 */
@EnabledIfSystemProperty(named = PostgresSchema.URL_PROPERTY, matches = ".+", disabledReason = "needs -Ppostgres")
class TicketStatsPostgresTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void mediansOfAnEvenCountAverageTheMiddleTwoAndDaysNotSealedAreReadFromTheCoveringIndex() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            EntityManagerFactory emf = schema.emf("calmdesk.ticket");
            try {
                MutableClock clock = new MutableClock(T0);
                TicketTestSupport.Customers customers = new TicketTestSupport.Customers();
                customers.add("c1", "zh", null, Temperament.RATIONAL, 0, false);
                JpaTicketService service = new JpaTicketService(new TicketStore(emf), new BeanValidator(),
                        new TicketSettings(TicketSettings.defaults()), new TicketGuide(), clock);
                service.customers = customers.service();
                TicketDraft draft = new TicketDraft("c1", TicketChannel.PHONE, TicketCategory.BILLING, "多扣了钱", null,
                        new EmotionInput(EmotionLabel.ANGER, 0.8), Priority.P3, null, List.of());
                List<Ticket> tickets = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    tickets.add(service.create(draft, "agent"));
                }
                for (Ticket ticket : tickets) {
                    clock.advance(Duration.ofMinutes(10));
                    service.transition(ticket.id(), new Transition(TicketStatus.ACKNOWLEDGED, null, null, null), null, "agent");
                }
                TicketStats stats = service.stats(T0.minusSeconds(1), clock.instant());
                assertEquals(4, stats.total());
                assertEquals(Map.of("ACKNOWLEDGED", 4L), stats.byStatus());
                assertEquals(25 * 60L, stats.medianFirstResponseSeconds(), "between 20 and 30 minutes");
                assertEquals(null, stats.medianResolutionSeconds());

                String[] indexesOnly = { "enable_seqscan = off", "enable_bitmapscan = off" };
                assertTrue(schema.plan("SELECT first_response_seconds, resolution_seconds FROM ticket_ticket"
                        + " WHERE created_at >= now() - interval '30 days' AND created_at < now()"
                        + " AND (first_response_seconds IS NOT NULL OR resolution_seconds IS NOT NULL)", indexesOnly)
                        .contains("Index Only Scan using ticket_ticket_stats_ix"));
                assertTrue(schema.plan("SELECT status, category, emotion_label, priority, count(created_at), count(breached_at)"
                        + " FROM ticket_ticket WHERE created_at >= now() - interval '30 days' AND created_at < now()"
                        + " GROUP BY 1, 2, 3, 4", indexesOnly).contains("Index Only Scan using ticket_ticket_stats_ix"));
            } finally {
                emf.close();
            }
        }
    }

    @Test
    void sealedDaysGiveTheFiguresOfTheRowsAndOpenTicketsAreReadFromTheirIndex() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            EntityManagerFactory emf = schema.emf("calmdesk.ticket");
            try {
                StatsHistory history = new StatsHistory(emf);
                StatsHistory.Node sealer = history.node();
                StatsHistory.Node other = history.node();
                history.write(sealer);
                List<TicketStats> before = history.stats(sealer);
                assertEquals(StatsHistory.DAYS, sealer.store().sealStatsDays(history.allSealable()));
                assertEquals(before, history.stats(sealer));

                history.clock.set(history.allSealable().plus(Duration.ofHours(1)));
                sealer.move(history.byDay.get(2).get(6), TicketStatus.CLOSED);
                other.resolve(other.move(history.byDay.get(3).get(0), TicketStatus.REOPENED));
                other.merge(history.byDay.get(4).get(3), history.byDay.get(4).get(6));
                assertEquals(history.fromRows(other), history.stats(other));

                // The open tickets' index holds every column the statistics read of them, for the open
                // statuses as StatsDays.DONE writes them (a plan of 80 rows is no test of the choice: it
                // changes with the visibility map and with other connections' snapshots, as in CI).
                try (java.sql.Connection c = schema.dataSource().getConnection(); java.sql.Statement s = c.createStatement();
                        java.sql.ResultSet index = s.executeQuery("SELECT indexdef FROM pg_indexes"
                                + " WHERE indexname = 'ticket_ticket_open_stats_ix'")) {
                    assertTrue(index.next());
                    String definition = index.getString(1);
                    assertTrue(definition.contains("(created_at) INCLUDE (status, category, emotion_label, priority, breached_at,"
                            + " waiting_since, first_responded_at, first_response_due, resolution_due, first_response_seconds,"
                            + " resolution_seconds) WHERE ((status)::text <> ALL ((ARRAY['RESOLVED'::character varying,"
                            + " 'CLOSED'::character varying])::text[]))"), definition);
                }
            } finally {
                emf.close();
            }
        }
    }
}
