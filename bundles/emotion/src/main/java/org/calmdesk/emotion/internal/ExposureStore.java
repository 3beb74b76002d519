package org.calmdesk.emotion.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.core.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Staff exposure in the emotion unit: the tickets seen ({@code emotion_ticket}), who took on which
 * ({@code emotion_handling}) and each agent's day ({@code emotion_exposure}). A ticket counts once
 * per agent, on the day (in the configured zone) the agent got it. The day row is updated under a
 * row lock and its {@code crossed_at} is set once, so the threshold event is posted exactly once
 * per agent and day even when two events race or two nodes share the database. Shared by the
 * exposure counter and the module facade (a service of the bundle's internal package only).
 */
@Component(service = ExposureStore.class)
public class ExposureStore {

    /** The threshold was reached: post the event for this. */
    record Crossing(String assignee, LocalDate day, int hostile, int total, int threshold, String ticketId) {
    }

    private static final Set<String> NEGATIVE = Set.of(EmotionLabel.ANGER.name(), EmotionLabel.DISAPPOINTMENT.name(),
            EmotionLabel.ANXIETY.name());

    private final Transactions tx;
    private final Clock clock;

    @Activate
    public ExposureStore(@Reference(target = "(osgi.unit.name=calmdesk.emotion)") EntityManagerFactory emf) {
        this(emf, Clock.systemUTC());
    }

    ExposureStore(EntityManagerFactory emf, Clock clock) {
        this.tx = new Transactions(emf);
        this.clock = clock;
    }

    /**
     * Runs {@code work} as one transaction of this unit: the store's writes it makes join it, and
     * so do the events it appends ({@link org.calmdesk.core.events.EventLog#append}); retried whole
     * when it lost a race.
     */
    <T> T atomically(java.util.function.Supplier<T> work) {
        return tx.inTransaction(em -> work.get());
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A ticket was opened; when it has an assignee that agent has taken it on. */
    Optional<Crossing> opened(TicketFacts facts, EmotionPolicy policy) {
        return tx.inTransaction(em -> {
            TicketStateEntity ticket = em.find(TicketStateEntity.class, facts.ticketId());
            if (ticket == null) {
                ticket = new TicketStateEntity(facts);
                em.persist(ticket);
            }
            return facts.assignee() == null ? Optional.<Crossing>empty() : handled(em, ticket, facts.assignee(), policy);
        });
    }

    /**
     * The ticket went to {@code assignee}. A ticket not seen before (opened while the module was
     * not installed) is recorded from the event's own properties.
     */
    Optional<Crossing> assigned(TicketFacts facts, EmotionPolicy policy) {
        if (facts.assignee() == null) {
            tx.run(em -> Optional.ofNullable(em.find(TicketStateEntity.class, facts.ticketId())).ifPresent(t -> t.assignee(null)));
            return Optional.empty();
        }
        return tx.inTransaction(em -> {
            TicketStateEntity ticket = em.find(TicketStateEntity.class, facts.ticketId(), LockModeType.PESSIMISTIC_WRITE);
            if (ticket == null) {
                ticket = new TicketStateEntity(facts);
                em.persist(ticket);
            }
            return handled(em, ticket, facts.assignee(), policy);
        });
    }

    private Optional<Crossing> handled(EntityManager em, TicketStateEntity ticket, String assignee, EmotionPolicy policy) {
        ticket.assignee(assignee);
        if (em.find(HandlingEntity.class, HandlingEntity.idOf(ticket.ticketId(), assignee)) != null) {
            return Optional.empty(); // back to an agent who already had it: counted once
        }
        Instant now = now();
        boolean hostile = ticket.abusive() || ticket.negativity() >= policy.hostileNegativity();
        em.persist(new HandlingEntity(ticket, assignee, now, hostile));
        String day = LocalDate.ofInstant(now, policy.zone()).toString();
        ExposureEntity exposure = em.find(ExposureEntity.class, ExposureEntity.idOf(day, assignee), LockModeType.PESSIMISTIC_WRITE);
        if (exposure == null) {
            // Two first tickets of the day racing collide on the key; the loser is retried and finds this row.
            exposure = new ExposureEntity(day, assignee);
            em.persist(exposure);
        }
        exposure.count(hostile);
        if (hostile && exposure.crossIfDue(policy.exposureThreshold(), now)) {
            return Optional.of(new Crossing(assignee, LocalDate.parse(day), exposure.hostile(), exposure.total(),
                    policy.exposureThreshold(), ticket.ticketId()));
        }
        return Optional.empty();
    }

    /** RESOLVED or CLOSED: no longer open. */
    void done(String ticketId) {
        Instant now = now();
        tx.run(em -> Optional.ofNullable(em.find(TicketStateEntity.class, ticketId)).ifPresent(t -> t.done(now)));
    }

    /** The customer reopened it: open again, and a clash with the agent who had it. */
    void reopened(String ticketId) {
        Instant now = now();
        tx.run(em -> {
            TicketStateEntity ticket = em.find(TicketStateEntity.class, ticketId);
            if (ticket == null) {
                return;
            }
            ticket.reopened();
            if (ticket.assignee() != null) {
                HandlingEntity handling = em.find(HandlingEntity.class, HandlingEntity.idOf(ticketId, ticket.assignee()));
                if (handling != null) {
                    handling.reopened(now);
                }
            }
        });
    }

    /** One day's exposure, agents with the most hostile tickets first; roster agents without tickets are listed too. */
    ExposureReport report(LocalDate day, EmotionPolicy policy) {
        Instant now = now();
        List<ExposureEntity> rows = tx.read(em -> em.createQuery(
                "SELECT e FROM ExposureEntity e WHERE e.day = :day ORDER BY e.hostile DESC, e.assignee", ExposureEntity.class)
                .setParameter("day", day.toString()).getResultList());
        Map<String, int[]> counts = new LinkedHashMap<>();
        rows.forEach(r -> counts.put(r.assignee(), new int[] { r.hostile(), r.total() }));
        policy.agents().forEach(a -> counts.putIfAbsent(a, new int[] { 0, 0 }));
        Map<String, Instant> cooling = coolingDown(counts.keySet(), policy, now);
        Map<String, Long> open = openHighIntensity(counts.keySet(), policy);
        List<ExposureReport.AgentExposure> agents = new ArrayList<>();
        counts.forEach((agent, c) -> agents.add(new ExposureReport.AgentExposure(agent, c[0], c[1],
                c[0] >= policy.exposureThreshold(), cooling.get(agent), open.getOrDefault(agent, 0L))));
        return new ExposureReport(day, policy.exposureThreshold(), policy.hostileNegativity(), agents);
    }

    /** Today's hostile and total counts of the agents, {hostile, total}. */
    Map<String, int[]> today(Collection<String> agents, EmotionPolicy policy) {
        String day = LocalDate.ofInstant(now(), policy.zone()).toString();
        Map<String, int[]> counts = new HashMap<>();
        if (agents.isEmpty()) {
            return counts;
        }
        tx.read(em -> em.createQuery("SELECT e FROM ExposureEntity e WHERE e.day = :day AND e.assignee IN :agents",
                ExposureEntity.class).setParameter("day", day).setParameter("agents", agents).getResultList())
                .forEach(r -> counts.put(r.assignee(), new int[] { r.hostile(), r.total() }));
        return counts;
    }

    /** Agents whose cool-down after an abusive contact still runs, with its end. */
    Map<String, Instant> coolingDown(Collection<String> agents, EmotionPolicy policy, Instant now) {
        Map<String, Instant> until = new HashMap<>();
        if (agents.isEmpty() || policy.coolDown().isZero()) {
            return until;
        }
        List<Object[]> rows = tx.read(em -> em.createQuery("SELECT h.assignee, MAX(h.at) FROM HandlingEntity h"
                + " WHERE h.abuse = 1 AND h.assignee IN :agents AND h.at > :since GROUP BY h.assignee", Object[].class)
                .setParameter("agents", agents).setParameter("since", now.minus(policy.coolDown())).getResultList());
        for (Object[] row : rows) {
            Instant end = ((Instant) row[1]).plus(policy.coolDown());
            if (end.isAfter(now)) {
                until.put((String) row[0], end);
            }
        }
        return until;
    }

    /** Open negative tickets of at least the configured intensity each agent holds now. */
    Map<String, Long> openHighIntensity(Collection<String> agents, EmotionPolicy policy) {
        Map<String, Long> open = new HashMap<>();
        if (agents.isEmpty()) {
            return open;
        }
        tx.read(em -> em.createQuery("SELECT t.assignee, COUNT(t) FROM TicketStateEntity t WHERE t.doneAt IS NULL"
                + " AND t.assignee IN :agents AND t.label IN :negative AND t.intensity >= :high GROUP BY t.assignee", Object[].class)
                .setParameter("agents", agents).setParameter("negative", NEGATIVE).setParameter("high", policy.highIntensity())
                .getResultList()).forEach(row -> open.put((String) row[0], ((Number) row[1]).longValue()));
        return open;
    }

    /**
     * Agents this customer clashed with: they had a ticket of the customer that carried ABUSE, or
     * that the customer reopened while they had it.
     */
    Set<String> clashed(String customerId) {
        return new HashSet<>(tx.read(em -> em.createQuery("SELECT DISTINCT h.assignee FROM HandlingEntity h"
                + " WHERE h.customerId = :c AND (h.abuse = 1 OR h.reopenedAt IS NOT NULL)", String.class)
                .setParameter("c", customerId).getResultList()));
    }

    /**
     * Moves a merged customer's ticket handling (the clashes with agents) and ticket states to the
     * customer they were merged into; again, it moves nothing.
     */
    int moveCustomer(String sourceId, String targetId) {
        return tx.inTransaction(em -> {
            int handled = em.createQuery("UPDATE HandlingEntity h SET h.customerId = :target WHERE h.customerId = :source")
                    .setParameter("target", targetId).setParameter("source", sourceId).executeUpdate();
            em.createQuery("UPDATE TicketStateEntity t SET t.customerId = :target WHERE t.customerId = :source")
                    .setParameter("target", targetId).setParameter("source", sourceId).executeUpdate();
            return handled;
        });
    }
}
