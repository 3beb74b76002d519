package org.calmdesk.emotion.internal;

import org.calmdesk.core.testing.LoggedEvents;
import org.calmdesk.core.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.customer.api.CustomerEvents;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.api.Direction;
import org.calmdesk.customer.api.Interaction;
import org.calmdesk.customer.api.InteractionChannel;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.ticket.api.TicketEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerProfilerTest {

    /** One updateEmotionalProfile call. */
    record Update(String customerId, int score, Temperament temperament, String evidence, String actor) {
    }

    private EntityManagerFactory emf;
    private CustomerService customers;
    private MutableClock clock;
    private final List<Update> updates = new CopyOnWriteArrayList<>();
    private final Map<String, Interaction> interactions = new HashMap<>();
    private CustomerProfiler profiler;

    @BeforeEach
    void setUp() {
        emf = EmotionTestSupport.entityManagerFactory();
        clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));
        customers = (CustomerService) Proxy.newProxyInstance(CustomerService.class.getClassLoader(),
                new Class<?>[] { CustomerService.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "updateEmotionalProfile" -> {
                        updates.add(new Update((String) args[0], (Integer) args[1], (Temperament) args[2], (String) args[3],
                                (String) args[4]));
                        yield null;
                    }
                    case "findInteraction" -> Optional.ofNullable(interactions.get((String) args[1]));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        profiler = new CustomerProfiler(new ProfileStore(emf), customers,
                new EmotionSettings(EmotionTestSupport.policy(Map.of())), new DefaultEmotionAnalyzer(), clock);
    }

    @AfterEach
    void tearDown() {
        emf.close();
    }

    private void ticket(String id, String customer, String subject, String label, double intensity, Integer negativity,
            String... signals) {
        Map<String, Object> props = new HashMap<>();
        props.put(TicketEvents.TICKET_ID, id);
        props.put(TicketEvents.CUSTOMER_ID, customer);
        props.put(TicketEvents.SUBJECT, subject);
        props.put(TicketEvents.EMOTION_LABEL, label);
        props.put(TicketEvents.EMOTION_INTENSITY, intensity);
        if (negativity != null) {
            props.put(TicketEvents.NEGATIVITY, negativity);
        }
        if (signals.length > 0) {
            props.put(TicketEvents.SIGNALS, signals);
        }
        profiler.consume(LoggedEvents.event(TicketEvents.CREATED, props));
    }

    private Update last() {
        return updates.get(updates.size() - 1);
    }

    @Test
    void hostileTicketsRaiseTheScoreAndMakeTheCustomerEmotional() {
        ticket("t1", "c1", "你们太过分了！！我要投诉", "ANGER", 0.9, 88);
        assertEquals(new Update("c1", 88, Temperament.UNKNOWN, "1:Tt1", "emotion"), last());
        clock.advance(Duration.ofDays(1));
        ticket("t2", "c1", "还是没解决！！！", "ANGER", 0.8, 80);
        assertEquals(Temperament.EMOTIONAL, last().temperament());
        assertTrue(last().score() >= 80 && last().score() <= 88, last().toString());
        int calls = updates.size();
        ticket("t2", "c1", "还是没解决！！！", "ANGER", 0.8, 80);
        assertEquals(calls, updates.size(), "a redelivered event changes nothing");
    }

    @Test
    void anAgentNamedEmotionWithoutNegativityIsDerivedAndAbuseMakesTheCustomerUnreasonable() {
        ticket("t1", "c2", "Card blocked", "ANXIETY", 0.5, null);
        assertEquals(70, last().score());
        ticket("t2", "c2", "You idiots", "ANGER", 0.9, 95, "ABUSE");
        assertEquals(Temperament.UNREASONABLE, last().temperament());
    }

    @Test
    void interactionsAloneBuildTheProfileAndTheAgentsLabelWins() {
        String detail = "I have compared the fee schedule from March with the one on my statement and the transfer fee "
                + "was applied twice on the 4th; please correct it.";
        interactions.put("i1", new Interaction("i1", "c3", InteractionChannel.EMAIL, Direction.INBOUND, detail, null,
                clock.instant(), "agent", clock.instant()));
        interactions.put("i2", new Interaction("i2", "c3", InteractionChannel.PHONE, Direction.INBOUND, detail + " Thanks.",
                EmotionLabel.DISAPPOINTMENT, clock.instant(), "agent", clock.instant()));
        for (String id : List.of("i1", "i2")) {
            profiler.consume(LoggedEvents.event(CustomerEvents.INTERACTION_RECORDED, Map.of(CustomerEvents.CUSTOMER_ID, "c3",
                    CustomerEvents.INTERACTION_ID, id)));
        }
        assertEquals(2, updates.size());
        assertEquals(Temperament.RATIONAL, last().temperament(), last().toString());
        assertTrue(last().evidence().startsWith("2:I"), last().evidence());
    }

    @Test
    void reopeningsCountAndAnErasedCustomerIsForgotten() {
        ticket("t1", "c4", "Wrong bill", "DISAPPOINTMENT", 0.4, 55);
        profiler.consume(LoggedEvents.event(TicketEvents.REOPENED, Map.of(TicketEvents.TICKET_ID, "t1", TicketEvents.CUSTOMER_ID, "c4",
                TicketEvents.REOPEN_COUNT, 1)));
        profiler.consume(LoggedEvents.event(TicketEvents.REOPENED, Map.of(TicketEvents.TICKET_ID, "t1", TicketEvents.CUSTOMER_ID, "c4",
                TicketEvents.REOPEN_COUNT, 2)));
        assertEquals(Temperament.UNREASONABLE, last().temperament());
        profiler.consume(LoggedEvents.event(CustomerEvents.ERASED, Map.of(CustomerEvents.CUSTOMER_ID, "c4")));
        assertEquals(0, profiler.refresh("c4", clock.instant()).evidenceCount());
    }

    @Test
    void aMergeJoinsTheEvidenceAndRecomputesTheTargetsProfileOnce() {
        ticket("t1", "c-calm", "Question about my bill", "NEUTRAL", 0.2, 10);
        ticket("t2", "c-angry", "你们太过分了！！我要投诉", "ANGER", 0.9, 90);
        clock.advance(Duration.ofHours(1));
        ticket("t3", "c-angry", "还是没解决！！！", "ANGER", 0.9, 90);
        assertEquals(Temperament.UNKNOWN, profiler.refresh("c-calm", clock.instant()).temperament());
        int calmScore = profiler.refresh("c-calm", clock.instant()).negativity();
        updates.clear();

        EmotionCustomerMerge merge = new EmotionCustomerMerge(new ProfileStore(emf), new ExposureStore(emf, clock), customers,
                new EmotionSettings(EmotionTestSupport.policy(Map.of())), clock);
        org.calmdesk.core.events.LoggedEvent merged = LoggedEvents.event(
                new org.calmdesk.customer.api.events.CustomerMerged("c-calm", "c-angry", "agent"));
        merge.consume(merged);

        assertEquals(1, updates.size());
        Update joined = last();
        assertEquals("c-calm", joined.customerId());
        assertTrue(joined.score() > calmScore, "the angry history counts for the target now: " + joined);
        assertEquals(Temperament.EMOTIONAL, joined.temperament(), joined.toString());
        assertTrue(joined.evidence().startsWith("3:"), "three pieces of evidence: " + joined.evidence());
        assertEquals(0, profiler.refresh("c-angry", clock.instant()).evidenceCount(), "nothing is left with the source");

        merge.consume(merged); // redelivered: the same evidence, the same profile
        assertEquals(joined.evidence(), last().evidence());
        assertEquals(joined.score(), last().score());
    }
}
