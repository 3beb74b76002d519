package org.calmdesk.emotion.internal;

import org.calmdesk.core.testing.MutableClock;
import org.calmdesk.core.testing.LoggedEvents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.emotion.api.EmotionEvents;
import org.calmdesk.ticket.api.TicketEvents;
import org.calmdesk.ticket.api.TicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StaffExposureTest {

    private EntityManagerFactory emf;
    private MutableClock clock;
    private LoggedEvents events;
    private EmotionSettings settings;
    private StaffExposure exposure;
    private final List<String[]> assigned = new CopyOnWriteArrayList<>();
    private int ids;

    @BeforeEach
    void setUp() {
        emf = EmotionTestSupport.entityManagerFactory();
        clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));
        events = new LoggedEvents(emf);
        settings = new EmotionSettings(EmotionTestSupport.policy(Map.of("exposureThreshold", 3)));
        exposure = new StaffExposure(new ExposureStore(emf, clock), settings);
        exposure.tickets = (TicketService) Proxy.newProxyInstance(TicketService.class.getClassLoader(),
                new Class<?>[] { TicketService.class }, (proxy, method, args) -> {
                    if (method.getName().equals("assign")) {
                        assigned.add(new String[] { (String) args[0], (String) args[1], (String) args[3] });
                        // the ticket module then posts ASSIGNED
                        exposure.consume(LoggedEvents.event(TicketEvents.ASSIGNED, lastCreated(args[0].toString(), (String) args[1])));
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @AfterEach
    void tearDown() {
        emf.close();
    }

    private final Map<String, Map<String, Object>> created = new HashMap<>();

    private Map<String, Object> lastCreated(String ticketId, String assignee) {
        Map<String, Object> props = new HashMap<>(created.get(ticketId));
        props.put(TicketEvents.ASSIGNEE, assignee);
        return props;
    }

    private String open(String customer, String assignee, int negativity, String... signals) {
        String id = "t-" + (++ids);
        Map<String, Object> props = new HashMap<>();
        props.put(TicketEvents.TICKET_ID, id);
        props.put(TicketEvents.CUSTOMER_ID, customer);
        props.put(TicketEvents.EMOTION_LABEL, negativity >= 50 ? "ANGER" : "NEUTRAL");
        props.put(TicketEvents.EMOTION_INTENSITY, negativity / 100.0);
        props.put(TicketEvents.NEGATIVITY, negativity);
        if (signals.length > 0) {
            props.put(TicketEvents.SIGNALS, signals);
        }
        if (assignee != null) {
            props.put(TicketEvents.ASSIGNEE, assignee);
        }
        created.put(id, props);
        exposure.consume(LoggedEvents.event(TicketEvents.CREATED, props));
        if (assignee != null) {
            exposure.consume(LoggedEvents.event(TicketEvents.ASSIGNED, props)); // the ticket module posts both
        }
        return id;
    }

    private ExposureReport.AgentExposure row(String agent) {
        return new ExposureStore(emf, clock).report(LocalDate.parse("2026-11-27"), settings.policy()).agents().stream()
                .filter(a -> a.assignee().equals(agent))
                .findFirst().orElse(null);
    }

    @Test
    void hostileTicketsAreCountedOncePerAgentAndDayAndTheThresholdEventIsPostedOnce() {
        open("c1", "ann", 90);
        open("c1", "ann", 20);
        open("c2", "ann", 40, "ABUSE");
        assertEquals(2, row("ann").hostile());
        assertEquals(3, row("ann").total());
        assertTrue(events.on(EmotionEvents.EXPOSURE_THRESHOLD_CROSSED).isEmpty());
        String third = open("c3", "ann", 75);
        List<org.osgi.service.event.Event> crossed = events.on(EmotionEvents.EXPOSURE_THRESHOLD_CROSSED);
        assertEquals(1, crossed.size());
        assertEquals("ann", crossed.get(0).getProperty(EmotionEvents.ASSIGNEE));
        assertEquals("2026-11-27", crossed.get(0).getProperty(EmotionEvents.DATE));
        assertEquals(3, crossed.get(0).getProperty(EmotionEvents.HOSTILE));
        assertEquals(third, crossed.get(0).getProperty(EmotionEvents.TICKET_ID));
        assertTrue(row("ann").overThreshold());
        open("c4", "ann", 95);
        assertEquals(1, events.on(EmotionEvents.EXPOSURE_THRESHOLD_CROSSED).size(), "once per agent and day");

        // A redelivered event and a ticket coming back to the same agent count nothing more.
        exposure.consume(LoggedEvents.event(TicketEvents.ASSIGNED, lastCreated(third, "ann")));
        assertEquals(4, row("ann").hostile());

        // The next day starts at zero and may cross again.
        clock.advance(Duration.ofDays(1));
        open("c5", "ann", 95);
        assertEquals(1, new ExposureStore(emf, clock).report(LocalDate.parse("2026-11-28"), settings.policy()).agents().get(0).hostile());
        assertEquals(4, row("ann").hostile(), "yesterday is kept");
    }

    @Test
    void anUnassignedTicketCountsForTheAgentItIsAssignedTo() {
        String id = open("c1", null, 88);
        assertNull(row("bob"));
        exposure.consume(LoggedEvents.event(TicketEvents.ASSIGNED, lastCreated(id, "bob")));
        assertEquals(1, row("bob").hostile());
    }

    @Test
    void racingHostileTicketsCrossTheThresholdExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    Map<String, Object> props = new HashMap<>();
                    props.put(TicketEvents.TICKET_ID, "race-" + n);
                    props.put(TicketEvents.CUSTOMER_ID, "c" + n);
                    props.put(TicketEvents.EMOTION_LABEL, "ANGER");
                    props.put(TicketEvents.EMOTION_INTENSITY, 0.9);
                    props.put(TicketEvents.NEGATIVITY, 90);
                    props.put(TicketEvents.ASSIGNEE, "cai");
                    exposure.consume(LoggedEvents.event(TicketEvents.CREATED, props));
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(12, row("cai").hostile());
        assertEquals(1, events.on(EmotionEvents.EXPOSURE_THRESHOLD_CROSSED).size());
    }

    @Test
    void theHelperPrefersTheLeastExposedAvailableAgentAndAvoidsCoolDownCapAndClashes() {
        settings = new EmotionSettings(EmotionTestSupport.policy(Map.of("assignmentEnabled", true, "agents", "ann, bob, cai",
                "coolDownMinutes", 30, "maxOpenHighIntensity", 2, "exposureThreshold", 5)));
        exposure = new StaffExposure(new ExposureStore(emf, clock), settings);
        exposure.tickets = (TicketService) Proxy.newProxyInstance(TicketService.class.getClassLoader(),
                new Class<?>[] { TicketService.class }, (proxy, method, args) -> {
                    assigned.add(new String[] { (String) args[0], (String) args[1], (String) args[3] });
                    exposure.consume(LoggedEvents.event(TicketEvents.ASSIGNED, lastCreated(args[0].toString(), (String) args[1])));
                    return null;
                });
        open("c1", "ann", 90);
        open("c1", "ann", 90);
        open("c2", "bob", 30, "ABUSE"); // bob now cools down for 30 minutes
        String first = open("c9", null, 80);
        assertEquals("cai", assigned.get(0)[1], "ann has more hostile tickets, bob is cooling down");
        assertEquals("emotion", assigned.get(0)[2]);
        assertEquals(first, assigned.get(0)[0]);
        assertNotNull(row("bob").coolingDownUntil());
        assertEquals(1, events.on(EmotionEvents.AUTO_ASSIGNED).size());

        clock.advance(Duration.ofMinutes(31));
        assertNull(row("bob").coolingDownUntil());
        // c2 was abusive with bob: a clash. Bob has the fewest hostile tickets but c2 goes elsewhere.
        open("c2", null, 60);
        assertEquals("cai", assigned.get(1)[1]);
        // c3 has no clash: bob (1 hostile via ABUSE, 1 total) vs cai (1 hostile, 2 total): bob.
        open("c3", null, 10);
        assertEquals("bob", assigned.get(2)[1]);

        // ann and cai now hold two open high-intensity tickets each: at the cap of 2.
        open("c4", "cai", 90);
        assertEquals(2L, row("ann").openHighIntensity());
        open("c5", null, 50);
        assertEquals("bob", assigned.get(3)[1]);
        // A resolved ticket no longer counts towards the cap.
        exposure.consume(LoggedEvents.event(TicketEvents.RESOLVED, created.get("t-1")));
        assertEquals(1L, row("ann").openHighIntensity());
        open("c8", "bob", 20, "ABUSE"); // bob cools down again
        open("c6", null, 95);
        assertEquals("ann", assigned.get(4)[1], "ann is below the cap again, cai is at it and bob is cooling down");
    }

    @Test
    void aReopenedTicketIsAClashWithTheAgentWhoHadIt() {
        String id = open("c7", "ann", 40);
        exposure.consume(LoggedEvents.event(TicketEvents.RESOLVED, created.get(id)));
        exposure.consume(LoggedEvents.event(TicketEvents.REOPENED, created.get(id)));
        assertEquals(java.util.Set.of("ann"), new ExposureStore(emf, clock).clashed("c7"));
    }

    @Test
    void withTheHelperOffNothingIsAssigned() {
        open("c1", null, 90);
        assertTrue(assigned.isEmpty());
    }

    @Test
    void aMergeMovesTheSourcesClashesWithAgentsToTheTarget() {
        open("c-source", "ann", 90, "ABUSE");
        open("c-target", "bob", 20);
        ExposureStore store = new ExposureStore(emf, clock);
        assertEquals(java.util.Set.of("ann"), store.clashed("c-source"));
        assertTrue(store.clashed("c-target").isEmpty());

        assertEquals(1, store.moveCustomer("c-source", "c-target"));
        assertEquals(0, store.moveCustomer("c-source", "c-target"), "moving again moves nothing");
        assertEquals(java.util.Set.of("ann"), store.clashed("c-target"), "the target's clash with ann counts for assignment now");
        assertTrue(store.clashed("c-source").isEmpty());
        assertEquals(2, row("ann").total() + row("bob").total(), "the agents' exposure figures are unchanged");
    }
}
