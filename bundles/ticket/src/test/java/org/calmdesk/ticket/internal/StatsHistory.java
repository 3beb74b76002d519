package org.calmdesk.ticket.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.core.testing.MutableClock;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.ticket.api.EmotionInput;
import org.calmdesk.ticket.api.Priority;
import org.calmdesk.ticket.api.Resolution;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketCategory;
import org.calmdesk.ticket.api.TicketChannel;
import org.calmdesk.ticket.api.TicketDraft;
import org.calmdesk.ticket.api.TicketStats;
import org.calmdesk.ticket.api.TicketStatus;
import org.calmdesk.ticket.api.TicketMerge;
import org.calmdesk.ticket.api.Transition;

/**
 * Ten days of tickets written through the service, for the statistics' day roll-ups: each day eight
 * tickets over the categories, emotions and priorities, most acknowledged (the P1 ones late, so
 * breached), a third resolved that evening, half of those closed the next morning, the rest open;
 * one closed ticket reopened. Each node is a store and a service of its own on one database.
 */
final class StatsHistory {

    static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    static final int DAYS = 10;
    private static final TicketCategory[] CATEGORIES = { TicketCategory.BILLING, TicketCategory.DELIVERY,
            TicketCategory.SERVICE_ATTITUDE };
    private static final EmotionLabel[] EMOTIONS = { EmotionLabel.ANGER, EmotionLabel.ANXIETY, EmotionLabel.NEUTRAL,
            EmotionLabel.DISAPPOINTMENT, EmotionLabel.SATISFIED };
    private static final Priority[] PRIORITIES = { Priority.P1, Priority.P2, Priority.P3, Priority.P4 };

    final EntityManagerFactory emf;
    final MutableClock clock = new MutableClock(T0);
    /** Every ticket written, by day. */
    final List<List<Ticket>> byDay = new ArrayList<>();

    StatsHistory(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /** A node: its own store (and so its own memory of the mark) and service, on the shared database and clock. */
    Node node() {
        TicketStore store = new TicketStore(emf);
        TicketTestSupport.Customers customers = new TicketTestSupport.Customers();
        customers.add("c1", "zh", null, Temperament.RATIONAL, 0, false);
        JpaTicketService service = new JpaTicketService(store, new BeanValidator(),
                new TicketSettings(TicketSettings.defaults()), new TicketGuide(), clock);
        service.customers = customers.service();
        return new Node(store, service);
    }

    record Node(TicketStore store, JpaTicketService service) {
        Ticket move(Ticket ticket, TicketStatus to) {
            return service.transition(ticket.id(), new Transition(to, null,
                    to == TicketStatus.RESOLVED ? new Resolution("退款已到账", null, null) : null, null), null, "agent");
        }

        Ticket resolve(Ticket ticket) {
            Ticket t = ticket;
            for (TicketStatus to : List.of(TicketStatus.INVESTIGATING, TicketStatus.SOLUTION_PROPOSED, TicketStatus.RESOLVED)) {
                t = move(t, to);
            }
            return t;
        }

        Ticket merge(Ticket target, Ticket source) {
            return service.merge(target.id(), new TicketMerge(List.of(source.id())), "agent");
        }
    }

    void write(Node node) {
        List<Ticket> resolvedYesterday = List.of();
        for (int day = 0; day < DAYS; day++) {
            Instant start = T0.plus(Duration.ofDays(day));
            at(start.plus(Duration.ofHours(8)));
            for (int i = 0; i < resolvedYesterday.size(); i += 2) {
                node.move(resolvedYesterday.get(i), TicketStatus.CLOSED);
            }
            List<Ticket> today = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                at(start.plus(Duration.ofHours(9)).plus(Duration.ofMinutes(37L * i + day)));
                int n = day * 8 + i;
                today.add(node.service().create(new TicketDraft("c1", TicketChannel.PHONE, CATEGORIES[n % CATEGORIES.length],
                        "投诉 " + n, "第" + n + "次", new EmotionInput(EMOTIONS[n % EMOTIONS.length], 0.5),
                        PRIORITIES[n % PRIORITIES.length], "agent", List.of()), "agent"));
            }
            at(start.plus(Duration.ofHours(14)));
            for (int i = 0; i < today.size(); i++) {
                if (i % 4 != 3) {
                    clock.advance(Duration.ofMinutes(i * 7L + day));
                    today.set(i, node.move(today.get(i), TicketStatus.ACKNOWLEDGED));
                }
            }
            at(start.plus(Duration.ofHours(20)));
            List<Ticket> resolved = new ArrayList<>();
            for (int i = 0; i < today.size(); i += 3) {
                if (i % 4 != 3) {
                    clock.advance(Duration.ofMinutes(i * 11L + day));
                    Ticket t = node.resolve(today.get(i));
                    today.set(i, t);
                    resolved.add(t);
                }
            }
            resolvedYesterday = resolved;
            byDay.add(today);
            if (day == 6) {
                // a closed ticket of day 1 comes back: open again, in a day that will be sealed
                node.move(byDay.get(1).get(0), TicketStatus.REOPENED);
            }
        }
        at(T0.plus(Duration.ofDays(DAYS)).plus(Duration.ofHours(1)));
    }

    /** When every day written is sealed: {@link StatsDays#SEAL_AFTER} after the last day ends. */
    Instant allSealable() {
        return T0.plus(Duration.ofDays(DAYS)).plus(StatsDays.SEAL_AFTER);
    }

    /** Windows: everything, whole days, cut inside days, inside one day, and reaching past the sealed days. */
    List<Instant[]> windows() {
        Instant now = clock.instant();
        return List.of(new Instant[] { T0.minusSeconds(3600), now.plus(Duration.ofDays(3)) },
                new Instant[] { day(1), day(5) },
                new Instant[] { day(1).plus(Duration.ofHours(10)), day(6).plus(Duration.ofHours(19)) },
                new Instant[] { day(3).plus(Duration.ofHours(9)), day(3).plus(Duration.ofHours(12)) },
                new Instant[] { day(8), now.plus(Duration.ofDays(3)) });
    }

    static Instant day(int day) {
        return T0.plus(Duration.ofDays(day));
    }

    List<TicketStats> stats(Node node) {
        return windows().stream().map(w -> node.service().stats(w[0], w[1])).toList();
    }

    /** The figures read from the rows alone: the mark emptied for the read, then put back. */
    List<TicketStats> fromRows(Node node) {
        Object mark = TicketTestSupport.nativeSingle(emf, "SELECT sealed_until FROM ticket_stats_mark");
        TicketTestSupport.nativeUpdate(emf, "UPDATE ticket_stats_mark SET sealed_until = NULL");
        try {
            return stats(node);
        } finally {
            TicketTestSupport.nativeUpdate(emf, "UPDATE ticket_stats_mark SET sealed_until = ?", mark);
        }
    }

    private void at(Instant instant) {
        clock.set(instant);
    }
}
