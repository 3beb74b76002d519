package org.calmdesk.events.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventConsumer;
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
