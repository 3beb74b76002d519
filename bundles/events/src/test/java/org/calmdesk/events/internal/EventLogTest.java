package org.calmdesk.events.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.paging.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventLogTest {

    private EventLogTestSupport log;
    private EventFeedStore feed;

    @BeforeEach
    void setUp() {
        log = EventLogTestSupport.h2();
        feed = new EventFeedStore(log.dataSource);
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    @Test
    void anEventExistsExactlyWhenItsTransactionCommitted() throws Exception {
        log.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t1", "c1", "Charged twice"));
        assertThrows(IllegalStateException.class, () -> log.tx.run(em -> {
            EventLog.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t2", "c1", "rolled back"));
            throw new IllegalStateException("the change failed");
        }));
        assertThrows(IllegalStateException.class, () -> EventLog.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t3", "c1", "x")),
                "an event outside a transaction would announce a change that may never commit");

        assertEquals(0, feed.after(null, null, 10).items().size(), "not visible before the sequencer numbered it");
        assertEquals(1, sequence());
        List<LoggedEvent> events = feed.after(null, null, 10).items();
        assertEquals(1, events.size());
        LoggedEvent created = events.get(0);
        assertEquals("t1", created.resourceId());
        assertEquals("ticket.created", created.type());
        assertEquals("Charged twice", created.property("subject"));
        assertArrayEquals(new String[] { "ABUSE", "URGENCY" }, (String[]) created.property("signals"));
        assertEquals(2, created.property("escalationLevel"));
        assertEquals(created.id(), created.toEventAdmin().getProperty(LoggedEvent.EVENT_ID));
    }

    @Test
    void nestedWorkOfTheSameUnitJoinsOneTransaction() throws Exception {
        assertThrows(IllegalStateException.class, () -> log.tx.run(outer -> {
            log.tx.run(inner -> EventLog.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t1", "c1", "inner")));
            throw new IllegalStateException("the outer change failed after the inner one");
        }));
        assertEquals(0, sequence(), "the inner append went with the outer rollback");
    }

    @Test
    void theFeedPagesBySequenceFiltersByTopicAndAlwaysNamesWhereToGoOn() throws Exception {
        for (int i = 0; i < 5; i++) {
            log.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t" + i, "c1", "s"),
                    new DomainEvent("calmdesk/customer/UPDATED", "c1", "c1", Map.of("customerId", "c1")));
        }
        assertEquals(10, sequence());
        Page<LoggedEvent> first = feed.after(null, "calmdesk/ticket/*", 3);
        assertEquals(List.of("t0", "t1", "t2"), first.items().stream().map(LoggedEvent::resourceId).toList());
        Page<LoggedEvent> second = feed.after(first.nextCursor(), "calmdesk/ticket/CREATED", 3);
        assertEquals(List.of("t3", "t4"), second.items().stream().map(LoggedEvent::resourceId).toList());
        Page<LoggedEvent> none = feed.after(second.nextCursor(), "calmdesk/ticket/*", 3);
        assertTrue(none.items().isEmpty());
        assertEquals(second.nextCursor(), none.nextCursor(), "nothing new: poll again from the same place");
        assertEquals(10, feed.after("0", null, 500).items().size());
        assertEquals(10, feed.head());

        assertThrows(ValidationException.class, () -> feed.after("abc", null, 10));
        assertThrows(ValidationException.class, () -> feed.after(null, "calmdesk/ticket/%", 10));
        assertThrows(ValidationException.class, () -> feed.after(null, null, 501));
        assertThrows(ValidationException.class, () -> feed.after(null, null, 0));
    }

    @Test
    void eachSubscriberGetsItsTopicsOnceInOrderAndANewOneStartsWhereItAsked() throws Exception {
        List<String> tickets = new CopyOnWriteArrayList<>();
        List<String> erasures = new CopyOnWriteArrayList<>();
        Subscriber ticketWatcher = new Subscriber("test.tickets", List.of("calmdesk/ticket/*"), true, e -> tickets.add(e.resourceId()));
        Subscriber erasure = new Subscriber("test.erasure", List.of("calmdesk/customer/ERASED"), true, e -> erasures.add(e.resourceId()));
        log.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t1", "c1", "s"),
                new DomainEvent("calmdesk/customer/ERASED", "c9", "c9", Map.of()),
                EventLogTestSupport.ticket("calmdesk/ticket/RESOLVED", "t1", "c1", "s"));
        sequence();
        deliver(List.of(ticketWatcher, erasure));
        deliver(List.of(ticketWatcher, erasure));
        assertEquals(List.of("t1", "t1"), tickets);
        assertEquals(List.of("c9"), erasures);

        List<String> late = new ArrayList<>();
        List<String> fromNow = new ArrayList<>();
        Subscriber installedLater = new Subscriber("test.later", List.of("calmdesk/customer/ERASED"), true, e -> late.add(e.resourceId()));
        Subscriber startsNow = new Subscriber("test.now", List.of("calmdesk/*"), false, e -> fromNow.add(e.resourceId()));
        deliver(List.of(installedLater, startsNow));
        assertEquals(List.of("c9"), late, "an erasure before it was installed still reaches it");
        assertTrue(fromNow.isEmpty());
        log.append(EventLogTestSupport.ticket("calmdesk/ticket/CLOSED", "t1", "c1", "s"));
        sequence();
        deliver(List.of(installedLater, startsNow, ticketWatcher));
        assertEquals(List.of("t1"), fromNow);
        assertEquals(List.of("t1", "t1", "t1"), tickets);
    }

    @Test
    void aSubscriberOfOneTopicIsHandedOnlyItsOwnAndThenStandsAtTheHead() throws Exception {
        List<String> erasures = new ArrayList<>();
        Subscriber erasure = new Subscriber("test.only-erasures", List.of("calmdesk/customer/ERASED"), true,
                e -> erasures.add(e.resourceId()));
        // More events of other topics than a batch (2 here) holds: read them all, it would need rounds to reach its own.
        log.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t1", "c1", "s"),
                EventLogTestSupport.ticket("calmdesk/ticket/ASSIGNED", "t1", "c1", "s"),
                EventLogTestSupport.ticket("calmdesk/ticket/IN_PROGRESS", "t1", "c1", "s"),
                new DomainEvent("calmdesk/customer/ERASED", "c9", "c9", Map.of()),
                EventLogTestSupport.ticket("calmdesk/ticket/RESOLVED", "t1", "c1", "s"));
        sequence();
        DeliveryRound.Outcome first = deliverOne(erasure);
        assertEquals(List.of("c9"), erasures, "one round of two finds it behind three other events");
        assertEquals(1, first.handed());
        assertEquals(head(), first.position(), "past the other topics' events after its own: an idle round costs no read");

        log.append(EventLogTestSupport.ticket("calmdesk/ticket/CLOSED", "t1", "c1", "s"),
                new DomainEvent("calmdesk/customer/ERASED", "c10", "c10", Map.of()));
        sequence();
        DeliveryRound.Outcome second = deliverOne(erasure);
        assertEquals(List.of("c9", "c10"), erasures, "the events after the head it moved to still come");
        assertEquals(head(), second.position());
        assertEquals(0, deliverOne(erasure).handed());
    }

    private DeliveryRound.Outcome deliverOne(Subscriber subscriber) throws Exception {
        try (Connection connection = log.dataSource.getConnection()) {
            DeliveryRound.ensureCursors(connection, List.of(subscriber), Instant.now());
            return DeliveryRound.run(connection, subscriber, 2, Instant.now());
        }
    }

    private long head() throws Exception {
        try (Connection connection = log.dataSource.getConnection()) {
            return Sequencer.head(connection);
        }
    }

    @Test
    void aSecondPassHandsEachEventAgainOnceItIsOldEnoughAndNotBefore() throws Exception {
        List<String> seen = new ArrayList<>();
        org.calmdesk.core.events.EventConsumer consumer = e -> seen.add(e.resourceId());
        Subscriber firstPass = new Subscriber("test.merge", List.of("calmdesk/customer/MERGED"), true, consumer);
        Subscriber secondPass = new Subscriber("test.merge.replay", List.of("calmdesk/customer/MERGED"), true, consumer,
                java.time.Duration.ofSeconds(60));
        log.append(new DomainEvent("calmdesk/customer/MERGED", "c1", "c1", Map.of()));
        sequence();
        Instant appended = Instant.now();
        deliver(List.of(firstPass, secondPass), appended);
        assertEquals(List.of("c1"), seen, "the first pass at once, the second not yet");
        deliver(List.of(firstPass, secondPass), appended.plusSeconds(30));
        assertEquals(List.of("c1"), seen, "half a minute is not old enough");
        deliver(List.of(firstPass, secondPass), appended.plusSeconds(61));
        assertEquals(List.of("c1", "c1"), seen, "a minute old: the second pass");
        deliver(List.of(firstPass, secondPass), appended.plusSeconds(180));
        assertEquals(List.of("c1", "c1"), seen, "each pass once");
    }

    @Test
    void aFailingSubscriberIsRetriedLaterWithoutHoldingUpTheOthers() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<String> delivered = new ArrayList<>();
        List<String> others = new ArrayList<>();
        Subscriber flaky = new Subscriber("test.flaky", List.of("calmdesk/*"), true, e -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("database hiccup");
            }
            delivered.add(e.resourceId());
        });
        Subscriber healthy = new Subscriber("test.healthy", List.of("calmdesk/*"), true, e -> others.add(e.resourceId()));
        log.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t1", "c1", "s"),
                EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t2", "c1", "s"));
        sequence();
        Instant now = Instant.now();
        deliver(List.of(flaky, healthy), now);
        assertEquals(List.of("t1", "t2"), others);
        assertTrue(delivered.isEmpty());
        deliver(List.of(flaky, healthy), now.plusMillis(10));
        assertEquals(1, attempts.get(), "still waiting out its delay");
        deliver(List.of(flaky, healthy), now.plus(Duration.ofSeconds(1)));
        deliver(List.of(flaky, healthy), now.plus(Duration.ofSeconds(2)));
        assertEquals(List.of("t1", "t2"), delivered, "in order, each once, after the failures");
        assertEquals(List.of("t1", "t2"), others, "nothing twice for the healthy one");
    }

    @Test
    void erasureRedactsTheFreeTextOfStoredEventsAndKeepsTheRest() throws Exception {
        log.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t1", "c1", "王先生 13800000000 话费多扣"),
                EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t2", "c2", "other customer"));
        sequence();
        new ErasureRedaction(log.dataSource).consume(feedEvent(new DomainEvent("calmdesk/customer/ERASED", "c1", "c1", Map.of())));
        List<LoggedEvent> events = feed.after(null, null, 10).items();
        assertEquals(EventLog.ERASED, events.get(0).property("subject"));
        assertEquals("t1", events.get(0).property("ticketId"));
        assertTrue(events.get(0).redacted());
        assertEquals("other customer", events.get(1).property("subject"));
        assertFalse(events.get(1).redacted());
    }

    @Test
    void retentionRemovesOnlyOldNumberedEvents() throws Exception {
        log.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t1", "c1", "s"));
        sequence();
        log.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t2", "c1", "s"));
        try (Connection connection = log.dataSource.getConnection()) {
            assertEquals(1, EventRetention.removeOlderThan(connection, Instant.now().plus(Duration.ofMinutes(1))));
        }
        assertEquals(1, sequence(), "the unnumbered one was kept for the sequencer");
    }

    @Test
    void retentionWalksTheLogInSequenceOrderAndStopsAtTheFirstYoungEvent() throws Exception {
        for (int i = 1; i <= 5; i++) {
            log.append(EventLogTestSupport.ticket("calmdesk/ticket/CREATED", "t" + i, "c1", "s"));
        }
        sequence();
        try (Connection connection = log.dataSource.getConnection();
                java.sql.PreparedStatement age = connection.prepareStatement("UPDATE " + EventLog.TABLE
                        + " SET occurred_at = ? WHERE sequence <= 3")) {
            age.setTimestamp(1, java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(40))));
            age.executeUpdate();
            assertEquals(3, EventRetention.removeOlderThan(connection, Instant.now().minus(Duration.ofDays(30)), 2),
                    "the three old ones, two chunks");
        }
        assertEquals(List.of(4L, 5L), feed.after(null, null, 10).items().stream().map(LoggedEvent::sequence).toList());
    }

    @Test
    void backoffGrowsToAMinute() {
        assertEquals(Duration.ofMillis(100), DeliveryRound.backoff(1));
        assertEquals(Duration.ofMillis(800), DeliveryRound.backoff(4));
        assertEquals(Duration.ofMinutes(1), DeliveryRound.backoff(30));
    }

    private LoggedEvent feedEvent(DomainEvent event) throws Exception {
        log.append(event);
        sequence();
        List<LoggedEvent> all = feed.after(null, null, 500).items();
        return all.get(all.size() - 1);
    }

    private int sequence() throws Exception {
        try (Connection connection = log.dataSource.getConnection()) {
            return Sequencer.run(connection, 500);
        }
    }

    private void deliver(List<Subscriber> subscribers) throws Exception {
        deliver(subscribers, Instant.now());
    }

    private void deliver(List<Subscriber> subscribers, Instant now) throws Exception {
        try (Connection connection = log.dataSource.getConnection()) {
            DeliveryRound.ensureCursors(connection, subscribers, now);
            for (Subscriber subscriber : subscribers) {
                DeliveryRound.run(connection, subscriber, 500, now);
            }
        }
    }
}
