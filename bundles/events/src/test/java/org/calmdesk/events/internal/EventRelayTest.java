package org.calmdesk.events.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.calmdesk.core.events.BatchEventConsumer;
import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventConsumer;
import org.calmdesk.core.events.LoggedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

class EventRelayTest {

    private final EventLogTestSupport log = EventLogTestSupport.h2();
    private final CountDownLatch release = new CountDownLatch(1);
    private EventRelay relay;

    @AfterEach
    void tearDown() throws InterruptedException {
        release.countDown();
        if (relay != null) {
            relay.deactivate();
        }
        log.close();
    }

    /** Issue 18: with every shared delivery thread busy, an article written on another node must still reach this node's search index. */
    @Test
    void aConsumerOfEveryNodeIsNotHeldUpByBusySharedOnes() throws Exception {
        relay = new EventRelay(log.dataSource, new IgnoringEventAdmin(), defaults());
        // More busy shared consumers than the relay has threads for them: each blocks on the ticket event.
        for (int i = 0; i < 6; i++) {
            relay.addConsumer(event -> release.await(), Map.of(EventConsumer.NAME, "test.busy" + i,
                    EventConsumer.TOPICS, "calmdesk/ticket/*"));
        }
        CountDownLatch copied = new CountDownLatch(1);
        relay.addConsumer(event -> copied.countDown(), Map.of(EventConsumer.NAME, "test.copy",
                EventConsumer.TOPICS, "calmdesk/knowledge/*", EventRelay.SCOPE, "node"));
        log.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t1", "c1", "s"));
        Thread.sleep(500); // the busy rounds take their threads
        log.append(new DomainEvent("calmdesk/knowledge/PUBLISHED", "a1", null, Map.of("articleId", "a1"), java.util.Set.of()));
        assertTrue(copied.await(5, TimeUnit.SECONDS), "the node's copy got the article's event while shared consumers were busy");
    }

    @Test
    void aBatchConsumerGetsARoundsEventsInOneCall() throws Exception {
        RecordingBatchConsumer consumer = batchConsumerAfterTickets(null, "t1", "t2", "t3");
        consumer.awaitHanded(3);
        assertEquals(List.of(List.of("t1", "t2", "t3")), consumer.batches, "one call for the round");
        assertEquals(List.of(), consumer.singles);
    }

    @Test
    void aBatchThatFailsIsHandedOneByOneSoOnlyTheEventAtFaultWaits() throws Exception {
        RecordingBatchConsumer consumer = batchConsumerAfterTickets("bad", "t1", "bad", "t3");
        consumer.awaitHanded(1);
        Thread.sleep(1000); // retries of the event at fault come and go meanwhile
        assertEquals(List.of("t1"), consumer.singles, "the event before it is handled, once; the one after it waits");
        assertEquals(List.of(), consumer.batches);
    }

    @Test
    void aConsumerOfOtherTopicsGetsARoundASecondNotOneForEachEventYetMissesNothing() throws Exception {
        relay = new EventRelay(log.dataSource, new IgnoringEventAdmin(), defaults());
        List<String> tickets = new CopyOnWriteArrayList<>();
        List<String> articles = new CopyOnWriteArrayList<>();
        relay.addConsumer(event -> tickets.add(event.resourceId()), Map.of(EventConsumer.NAME, "test.tickets",
                EventConsumer.TOPICS, "calmdesk/ticket/*"));
        relay.addConsumer(event -> articles.add(event.resourceId()), Map.of(EventConsumer.NAME, "test.articles",
                EventConsumer.TOPICS, "calmdesk/knowledge/*"));
        Thread.sleep(300);
        long ticketRounds = relay.rounds("test.tickets");
        long articleRounds = relay.rounds("test.articles");
        for (int i = 0; i < 20; i++) {
            log.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t" + i, "c1", "s"));
            Thread.sleep(75);
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (tickets.size() < 20 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(20, tickets.size());
        long busy = relay.rounds("test.tickets") - ticketRounds;
        long quiet = relay.rounds("test.articles") - articleRounds;
        assertTrue(busy >= 8, "the ticket consumer had a round for most events: " + busy);
        assertTrue(quiet <= 4, "the article consumer about one a second over 1.5 s, not one per event: " + quiet);

        log.append(new DomainEvent("calmdesk/knowledge/PUBLISHED", "a1", null, Map.of("articleId", "a1"), java.util.Set.of()));
        deadline = System.currentTimeMillis() + 2000;
        while (articles.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of("a1"), articles, "its own event still comes at once");
    }

    /** A relay, these tickets' CREATED events in one transaction, then a batch consumer of tickets refusing {@code poison}. */
    private RecordingBatchConsumer batchConsumerAfterTickets(String poison, String... ticketIds) {
        relay = new EventRelay(log.dataSource, new IgnoringEventAdmin(), defaults());
        log.append(java.util.Arrays.stream(ticketIds).map(id -> EventLogTestSupport.ticket("calmdesk/ticket/CREATED", id, "c1", "s"))
                .toArray(DomainEvent[]::new));
        RecordingBatchConsumer consumer = new RecordingBatchConsumer(poison);
        relay.addConsumer(consumer, Map.of(EventConsumer.NAME, "test.batch", EventConsumer.TOPICS, "calmdesk/ticket/*"));
        return consumer;
    }

    /** Takes batches, except those holding {@code poison}, which it refuses whole and one by one. */
    private static final class RecordingBatchConsumer implements BatchEventConsumer {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final List<String> singles = new CopyOnWriteArrayList<>();
        private final String poison;

        RecordingBatchConsumer(String poison) {
            this.poison = poison;
        }

        @Override
        public void consumeAll(List<LoggedEvent> events) {
            List<String> ids = events.stream().map(LoggedEvent::resourceId).toList();
            if (ids.contains(poison)) {
                throw new IllegalStateException("refused");
            }
            batches.add(ids);
        }

        @Override
        public void consume(LoggedEvent event) {
            if (event.resourceId().equals(poison)) {
                throw new IllegalStateException("refused");
            }
            singles.add(event.resourceId());
        }

        void awaitHanded(int count) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 5000;
            while (batches.stream().mapToInt(List::size).sum() + singles.size() < count && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        }
    }

    private static EventsConfig defaults() {
        return (EventsConfig) Proxy.newProxyInstance(EventsConfig.class.getClassLoader(), new Class<?>[] { EventsConfig.class },
                (proxy, method, args) -> method.getDefaultValue());
    }

    private static final class IgnoringEventAdmin implements EventAdmin {
        @Override
        public void postEvent(Event event) {
        }

        @Override
        public void sendEvent(Event event) {
        }
    }
}
