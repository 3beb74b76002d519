package org.calmdesk.events.internal.webhooks;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.calmdesk.core.events.BatchEventConsumer;
import org.calmdesk.core.events.EventConsumer;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.events.internal.ConsumerDemand;
import org.calmdesk.events.internal.RoundTransactionConsumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Turns each logged event into one PENDING delivery per active webhook whose topics match (a
 * durable consumer: an event appended while this bundle was stopped is still delivered). The
 * delivery table's unique key makes a replay harmless. Pings go to their one webhook only. A
 * round's events are fanned out in one transaction: a commit per event would cost every create.
 */
@Component(service = { EventConsumer.class, WebhookFanOut.class }, property = {
        EventConsumer.NAME + "=events.webhooks",
        EventConsumer.START + "=now",
        EventConsumer.TOPICS + "=calmdesk/*" })
public class WebhookFanOut implements BatchEventConsumer, ConsumerDemand, RoundTransactionConsumer {

    private static final long CACHE_MILLIS = 1000;

    private final WebhookDispatcher dispatcher;
    private volatile List<WebhookStore.Target> cached;
    private volatile long cachedAt;

    @Activate
    public WebhookFanOut(@Reference WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void consume(LoggedEvent event) throws Exception {
        consumeAll(List.of(event));
    }

    @Override
    public void consumeAll(List<LoggedEvent> events) throws Exception {
        List<WebhookStore.Pending> pending = pending(events, targets());
        if (!pending.isEmpty()) {
            Instant now = Instant.now();
            dispatcher.store.fanOut(pending, now, dispatcher.retryUntil(now));
            dispatcher.wakeUp();
        }
    }

    /** The relay's way: the deliveries are written in the round's transaction, with the cursor's move. */
    @Override
    public void consumeAll(Connection round, List<LoggedEvent> events) throws Exception {
        List<WebhookStore.Pending> pending = pending(events, targets());
        if (!pending.isEmpty()) {
            Instant now = Instant.now();
            dispatcher.store.fanOut(round, pending, now, dispatcher.retryUntil(now));
        }
    }

    @Override
    public void committed() {
        dispatcher.wakeUp();
    }

    private static List<WebhookStore.Pending> pending(List<LoggedEvent> events, List<WebhookStore.Target> active) {
        List<WebhookStore.Pending> pending = new ArrayList<>();
        for (LoggedEvent event : events) {
            if (WebhookTopics.PING.equals(event.topic())) {
                continue;
            }
            for (WebhookStore.Target target : active) {
                if (target.subscribedTo(event)) {
                    pending.add(new WebhookStore.Pending(target.id(), event));
                }
            }
        }
        return pending;
    }

    /**
     * Whether an active webhook subscribes to the topic: with none, the relay does not read the
     * events for this consumer. The answer is as fresh as the fan-out's own (this node's changes at
     * once, other nodes' within a second).
     */
    @Override
    public boolean wantsNow(String topic) {
        if (WebhookTopics.PING.equals(topic)) {
            return false;
        }
        try {
            return targets().stream().anyMatch(target -> target.takes(topic));
        } catch (java.sql.SQLException | RuntimeException e) {
            return true; // unknown: its round reads them and finds out
        }
    }

    /** Forgets the cached webhooks (after a change on this node; other nodes see it within a second). */
    void invalidate() {
        cached = null;
    }

    private List<WebhookStore.Target> targets() throws java.sql.SQLException {
        List<WebhookStore.Target> current = cached;
        if (current == null || System.currentTimeMillis() - cachedAt > CACHE_MILLIS) {
            current = dispatcher.store.activeTargets();
            cached = current;
            cachedAt = System.currentTimeMillis();
        }
        return current;
    }
}
