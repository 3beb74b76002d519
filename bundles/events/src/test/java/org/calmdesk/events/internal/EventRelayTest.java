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
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

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
    void consumersOfOtherTopicsGetNoRoundsTheirCursorsFollowTheHeadTogetherAndTheyMissNothing() throws Exception {
        relay = new EventRelay(log.dataSource, new RecordingEventAdmin(), defaults());
        List<String> tickets = new CopyOnWriteArrayList<>();
        List<String> articles = new CopyOnWriteArrayList<>();
        relay.addConsumer(event -> tickets.add(event.resourceId()), Map.of(EventConsumer.NAME, "test.tickets",
                EventConsumer.TOPICS, "calmdesk/ticket/*"));
        relay.addConsumer(event -> articles.add(event.resourceId()), Map.of(EventConsumer.NAME, "test.articles",
                EventConsumer.TOPICS, "calmdesk/knowledge/*"));
        for (int i = 0; i < 5; i++) {
            List<String> surveys = new CopyOnWriteArrayList<>(); // a consumer instance of its own each
            relay.addConsumer(event -> surveys.add(event.resourceId()), Map.of(EventConsumer.NAME, "test.surveys" + i, EventConsumer.TOPICS, "calmdesk/survey/*"));
        }
        Thread.sleep(300);
        long ticketRounds = relay.rounds("test.tickets");
        long articleRounds = relay.rounds("test.articles");
        long quietMoves = relay.quietMoves();
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            log.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t" + i, "c1", "s"));
            Thread.sleep(75);
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (tickets.size() < 20 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(20, tickets.size());
        long head = cursor("sequencer");
        deadline = System.currentTimeMillis() + 3000;
        while (cursor("test.surveys4") < head && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(relay.rounds("test.tickets") - ticketRounds >= 8, "the ticket consumer had a round for most events");
        assertEquals(0, relay.rounds("test.articles") - articleRounds, "no round for events it does not take");
        for (String quiet : List.of("test.articles", "test.surveys0", "test.surveys4", EventRelay.EVENT_ADMIN)) {
            assertEquals(head, cursor(quiet), quiet + " was moved to the head all the same");
        }
        long moves = relay.quietMoves() - quietMoves;
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertTrue(moves >= 1 && moves <= seconds + 1, "one transaction a second moved all seven quiet cursors: " + moves + " in "
                + seconds + " s, not one each");

        log.append(new DomainEvent("calmdesk/knowledge/PUBLISHED", "a1", null, Map.of("articleId", "a1"), java.util.Set.of()));
        deadline = System.currentTimeMillis() + 2000;
        while (articles.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of("a1"), articles, "its own event still comes at once");
    }

    /** The webhook fan-out's way: what it writes commits with its cursor's move, and a failed round leaves nothing behind. */
    @Test
    void aConsumerWritingInItsRoundsTransactionKeepsNothingOfAFailedRoundAndEachEventOnce() throws Exception {
        try (java.sql.Connection c = log.dataSource.getConnection(); java.sql.Statement ddl = c.createStatement()) {
            ddl.execute("CREATE TABLE test_written (event_id VARCHAR(36))");
        }
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
        class Writer implements EventConsumer, RoundTransactionConsumer {
            @Override
            public void consume(LoggedEvent event) {
                throw new AssertionError("the relay hands its events in the round's transaction");
            }

            @Override
            public void consumeAll(java.sql.Connection round, List<LoggedEvent> events) throws Exception {
                try (java.sql.PreparedStatement insert = round.prepareStatement("INSERT INTO test_written VALUES (?)")) {
                    for (LoggedEvent event : events) {
                        insert.setString(1, event.id());
                        insert.executeUpdate();
                    }
                }
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("the first round fails after writing");
                }
            }

            @Override
            public void committed() {
                commits.incrementAndGet();
            }
        }
        relay = new EventRelay(log.dataSource, new IgnoringEventAdmin(), defaults());
        log.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t1", "c1", "s"),
                EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t2", "c1", "s"));
        relay.addConsumer(new Writer(), Map.of(EventConsumer.NAME, "test.writer", EventConsumer.TOPICS, "calmdesk/ticket/*"));
        long deadline = System.currentTimeMillis() + 5000;
        while (commits.get() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(2, calls.get(), "a failed round, then its retry");
        assertEquals(1, commits.get());
        try (java.sql.Connection c = log.dataSource.getConnection(); java.sql.Statement select = c.createStatement();
                java.sql.ResultSet rows = select.executeQuery("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM test_written")) {
            rows.next();
            assertEquals(2, rows.getInt(1), "the failed round's rows were undone, the retry's kept");
            assertEquals(2, rows.getInt(2));
        }
        assertEquals(cursor("sequencer"), cursor("test.writer"));
    }

    /** EventAdmin gets only the topics its registered handlers listen to, from their registration on. */
    @Test
    void eventAdminIsSentWhatItsHandlersListenTo() throws Exception {
        RecordingEventAdmin events = new RecordingEventAdmin();
        relay = new EventRelay(log.dataSource, events, defaults());
        log.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "before", "c1", "s"));
        long deadline = System.currentTimeMillis() + 3000;
        while (cursor(EventRelay.EVENT_ADMIN) < cursor("sequencer") || cursor("sequencer") == 0) {
            assertTrue(System.currentTimeMillis() < deadline, "EventAdmin's cursor passes the event");
            Thread.sleep(20);
        }
        assertEquals(List.of(), events.sent, "no handler: nothing sent");

        ServiceReference<EventHandler> handler = handler(7L, new String[] { "calmdesk/ticket/*" });
        relay.addEventHandler(handler);
        log.append(EventLogTestSupport.ticket("calmdesk/ticket/RESOLVED", "t1", "c1", "s"),
                new DomainEvent("calmdesk/knowledge/PUBLISHED", "a1", null, Map.of("articleId", "a1"), java.util.Set.of()));
        deadline = System.currentTimeMillis() + 3000;
        while (events.sent.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // an article event sent by mistake would come meanwhile
        assertEquals(List.of("calmdesk/ticket/RESOLVED"), events.sent, "its handler's topics only, from its registration on");

        relay.removeEventHandler(handler);
        long sequence = cursor("sequencer");
        log.append(EventLogTestSupport.ticket("calmdesk/ticket/CLOSED", "t1", "c1", "s"));
        deadline = System.currentTimeMillis() + 3000;
        while (cursor(EventRelay.EVENT_ADMIN) <= sequence) {
            assertTrue(System.currentTimeMillis() < deadline, "EventAdmin's cursor passes the event");
            Thread.sleep(20);
        }
        assertEquals(List.of("calmdesk/ticket/RESOLVED"), events.sent, "nothing after its handler left");
    }

    @SuppressWarnings("unchecked")
    private static ServiceReference<EventHandler> handler(long serviceId, Object topics) {
        return (ServiceReference<EventHandler>) Proxy.newProxyInstance(EventRelayTest.class.getClassLoader(),
                new Class<?>[] { ServiceReference.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> Constants.SERVICE_ID.equals(args[0]) ? (Object) serviceId
                            : EventConstants.EVENT_TOPIC.equals(args[0]) ? topics : null;
                    case "hashCode" -> (int) serviceId;
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    /** A cursor's position in the log. */
    private long cursor(String name) throws java.sql.SQLException {
        try (java.sql.Connection c = log.dataSource.getConnection();
                java.sql.PreparedStatement select = c.prepareStatement("SELECT last_sequence FROM calmdesk_event_cursor WHERE name = ?")) {
            select.setString(1, name);
            try (java.sql.ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
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

    private static final class RecordingEventAdmin implements EventAdmin {
        final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public void postEvent(Event event) {
            sent.add(event.getTopic());
        }

        @Override
        public void sendEvent(Event event) {
            sent.add(event.getTopic());
        }
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
