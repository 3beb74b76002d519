package org.calmdesk.followup.internal;

import org.calmdesk.core.testing.MutableClock;
import org.calmdesk.core.testing.PostgresSchema;
import org.calmdesk.core.testing.LoggedEvents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.followup.api.FollowUpChannel;
import org.calmdesk.followup.api.FollowUpDraft;
import org.calmdesk.followup.api.FollowUpEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two Calmdesk nodes, each with its own connection pool, on one PostgreSQL database run the
 * follow-up check at the same moments, round after round, while follow-ups fall due: every
 * OVERDUE and every REMINDER event is posted exactly once between them. Runs under
 * {@code -Ppostgres} (which sets {@code calmdesk.test.pg.url}); skipped in the default build.
 */
@EnabledIfSystemProperty(named = "calmdesk.test.pg.url", matches = ".+", disabledReason = "needs -Ppostgres")
class TwoNodesPostgresTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    private PostgresSchema schema;
    private EntityManagerFactory nodeA;
    private EntityManagerFactory nodeB;

    @BeforeEach
    void setUp() throws Exception {
        schema = PostgresSchema.create();
        nodeA = FollowUpTestSupport.emf(schema.dataSource());
        nodeB = FollowUpTestSupport.emf(schema.dataSource());
    }

    @AfterEach
    void tearDown() throws Exception {
        nodeA.close();
        nodeB.close();
        schema.close();
    }

    @Test
    void overdueAndReminderEventsArePostedExactlyOnceBetweenTwoSchedulers() throws Exception {
        MutableClock clock = new MutableClock(T0);
        FollowUpSettings settings = new FollowUpSettings(FollowUpPolicy.defaults());
        // Both nodes append to the one log.
        LoggedEvents events = new LoggedEvents(nodeA);
        FollowUpStore storeA = new FollowUpStore(nodeA);
        FollowUpStore storeB = new FollowUpStore(nodeB);
        JpaFollowUpService a = new JpaFollowUpService(storeA, new BeanValidator(), settings, clock);
        JpaFollowUpService b = new JpaFollowUpService(storeB, new BeanValidator(), settings, clock);
        a.customers = FollowUpTestSupport.customers("c1");
        b.customers = a.customers;
        int count = 200;
        for (int i = 0; i < count; i++) {
            (i % 2 == 0 ? a : b).create(new FollowUpDraft("c1", null, T0.plus(Duration.ofMinutes(1 + i)), FollowUpChannel.PHONE,
                    "call back " + i, "agent-" + (i % 5), null), "test");
        }
        FollowUpScheduler schedulerA = new FollowUpScheduler(storeA, settings, clock);
        FollowUpScheduler schedulerB = new FollowUpScheduler(storeB, settings, clock);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // 30 rounds of 10 minutes: rows fall due and enter the reminder window while both nodes sweep.
            for (int round = 0; round < 30; round++) {
                clock.advance(Duration.ofMinutes(10));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> sweeps = new ArrayList<>();
                for (FollowUpScheduler scheduler : List.of(schedulerA, schedulerB)) {
                    sweeps.add(pool.submit(() -> {
                        go.await();
                        scheduler.sweep();
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> sweep : sweeps) {
                    sweep.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(count, distinct(events, FollowUpEvents.OVERDUE));
        assertEquals(count, events.on(FollowUpEvents.OVERDUE).size(), "no follow-up was marked overdue twice");
        int reminders = events.on(FollowUpEvents.REMINDER).size();
        assertEquals(distinct(events, FollowUpEvents.REMINDER), reminders, "no reminder fired twice");
        assertEquals(count - 9, reminders,
                "one reminder for every follow-up not already past due at the first sweep (T0+10 min; the first 9 were)");
        assertEquals(count, a.list(new org.calmdesk.followup.api.FollowUpQuery(org.calmdesk.followup.api.FollowUpStatus.OVERDUE,
                null, null, null, null), org.calmdesk.core.paging.PageRequest.first(200)).items().size());
    }

    private static int distinct(LoggedEvents events, String topic) {
        Set<Object> ids = new HashSet<>();
        events.on(topic).forEach(e -> ids.add(e.getProperty(FollowUpEvents.FOLLOW_UP_ID)));
        return ids.size();
    }
}
