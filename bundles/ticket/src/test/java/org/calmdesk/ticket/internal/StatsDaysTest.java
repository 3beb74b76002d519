package org.calmdesk.ticket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketStats;
import org.calmdesk.ticket.api.TicketStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 17: the ticket statistics from day roll-ups (changeset 5) give the figures of the rows, on H2. */
class StatsDaysTest {

    private EntityManagerFactory emf;
    private StatsHistory history;

    @BeforeEach
    void setUp() {
        emf = TicketTestSupport.entityManagerFactory(TicketTestSupport.newDatabaseUrl());
        history = new StatsHistory(emf);
    }

    @AfterEach
    void tearDown() {
        emf.close();
    }

    @Test
    void sealedDaysGiveTheFiguresOfTheRowsAndAreReadInsteadOfThem() {
        StatsHistory.Node node = history.node();
        history.write(node);
        List<TicketStats> before = history.stats(node);
        assertEquals(StatsHistory.DAYS * 8, before.get(0).total());
        assertTrue(before.get(0).byStatus().get("CLOSED") > 0 && before.get(0).byStatus().get("RESOLVED") > 0
                && before.get(0).byStatus().get("REOPENED") == 1, before.get(0).byStatus().toString());
        assertTrue(before.get(0).breached() > 0 && before.get(0).breached() < before.get(0).total());

        assertEquals(StatsHistory.DAYS, node.store().sealStatsDays(history.allSealable()));
        assertEquals(Date.valueOf(LocalDate.of(2026, 11, 12)),
                TicketTestSupport.nativeSingle(emf, "SELECT sealed_until FROM ticket_stats_mark"));
        assertEquals(0, node.store().sealStatsDays(history.allSealable().plus(Duration.ofHours(23))), "nothing more is due");
        assertEquals(before, history.stats(node), "the same figures from the roll-ups");

        // Behind the module's back, the sealed days' done tickets change category: the whole days'
        // window still has the sealed figures (read from the roll-ups), the rows say otherwise.
        TicketTestSupport.nativeUpdate(emf, "UPDATE ticket_ticket SET category = 'OTHER' WHERE status IN ('RESOLVED', 'CLOSED')");
        TicketStats wholeDays = history.stats(node).get(1);
        assertEquals(before.get(1), wholeDays);
        assertNotEquals(wholeDays.byCategory(), history.fromRows(node).get(1).byCategory());
        // A window inside one day is read from the rows.
        assertNotEquals(before.get(3).byCategory(), history.stats(node).get(3).byCategory());
    }

    @Test
    void changesOfSealedTicketsMoveThemInTheRollUpsOnEveryNode() {
        StatsHistory.Node sealer = history.node();
        StatsHistory.Node other = history.node(); // has never seen the mark: it reads it under its lock
        history.write(sealer);
        sealer.store().sealStatsDays(history.allSealable());
        history.clock.set(history.allSealable().plus(Duration.ofHours(1)));

        Ticket resolved = history.byDay.get(2).get(6); // resolved on day 2, not closed the next morning
        assertEquals(TicketStatus.RESOLVED, current(sealer, resolved).status());
        Ticket closed = history.byDay.get(3).get(0);
        assertEquals(TicketStatus.CLOSED, current(sealer, closed).status());
        TicketStats wholeDays = history.stats(sealer).get(1);
        TicketStats dayThree = sealer.service().stats(StatsHistory.day(3), StatsHistory.day(4));

        sealer.move(resolved, TicketStatus.CLOSED);
        Ticket again = other.resolve(other.move(closed, TicketStatus.REOPENED));
        assertEquals(TicketStatus.RESOLVED, again.status());
        other.merge(history.byDay.get(4).get(3), history.byDay.get(4).get(6)); // a resolved source into an open target
        other.move(history.byDay.get(1).get(0), TicketStatus.INVESTIGATING); // the reopened one: open before and after

        List<TicketStats> after = history.stats(sealer);
        assertEquals(history.fromRows(sealer), after);
        assertEquals(history.fromRows(other), history.stats(other));
        assertEquals(wholeDays.byStatus().get("RESOLVED") - 1, after.get(1).byStatus().get("RESOLVED"),
                "day 2's resolved ticket closed; day 3's reopened and resolved again");
        assertEquals(wholeDays.byStatus().get("CLOSED") + 1, after.get(1).byStatus().get("CLOSED"));
        assertNotEquals(dayThree.medianResolutionSeconds(),
                sealer.service().stats(StatsHistory.day(3), StatsHistory.day(4)).medianResolutionSeconds(),
                "one of day 3's two resolutions is now days later, so their mean is");
    }

    @Test
    void theDoneStatusesOfTheSqlAreTheEntitys() {
        // a status added to TicketEntity.DONE and not here would be counted twice (rows and roll-ups)
        assertEquals(TicketEntity.DONE.stream().map(status -> "'" + status.name() + "'")
                .collect(java.util.stream.Collectors.joining(", ", "(", ")")), StatsDays.DONE);
    }

    private static Ticket current(StatsHistory.Node node, Ticket ticket) {
        return node.service().find(ticket.id()).orElseThrow();
    }
}
