package org.calmdesk.events.internal.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.events.api.CreatedWebhook;
import org.calmdesk.events.api.Delivery;
import org.calmdesk.events.api.DeliveryStatus;
import org.calmdesk.events.api.WebhookDraft;
import org.calmdesk.events.internal.EventLogAccess;

/**
 * A webhook removed while a fan-out to it is under way, both ways round: its deliveries are gone
 * in the end (none left PENDING, claimed again at every lease's end), the fan-out does not fail,
 * and another webhook's delivery of the same events is kept. Run on H2 and on PostgreSQL.
 */
final class WebhookRemovalRace {

    private WebhookRemovalRace() {
    }

    static void run(EventLogAccess log, String receiverUrl) throws Exception {
        PausingDataSource pausing = new PausingDataSource(log.dataSource());
        WebhookDispatcher dispatcher = new WebhookDispatcher(pausing.dataSource(), WebhookDeliveryTest.config("127.0.0.1/32", 50));
        ExecutorService fanOutThread = Executors.newSingleThreadExecutor();
        ExecutorService removalThread = Executors.newSingleThreadExecutor();
        try {
            WebhookFanOut fanOut = new WebhookFanOut(dispatcher);
            JdbcWebhookService service = new JdbcWebhookService(dispatcher, fanOut);
            CreatedWebhook kept = service.create(new WebhookDraft(receiverUrl, List.of("calmdesk/*"), "kept", null), "admin");

            // The fan-out holds its deliveries uncommitted while the webhook is removed.
            CreatedWebhook removedDuringFanOut = service.create(new WebhookDraft(receiverUrl, List.of("calmdesk/*"), "removed", null),
                    "admin");
            LoggedEvent first = logged(log, "t1");
            PausingDataSource.Pause fanOutCommit = pausing.pauseCommitOf("INSERT INTO " + WebhookStore.DELIVERIES);
            Future<?> fanning = fanOutThread.submit(() -> {
                fanOut.consume(first);
                return null;
            });
            fanOutCommit.awaitReached();
            Future<Boolean> removing = removalThread.submit(() -> service.delete(removedDuringFanOut.id()));
            Thread.sleep(300); // PostgreSQL: the removal waits for the fan-out's key lock
            fanOutCommit.release();
            fanning.get(10, TimeUnit.SECONDS);
            assertTrue(removing.get(10, TimeUnit.SECONDS));

            // The removal holds its delete uncommitted while the fan-out reads the webhook and inserts.
            CreatedWebhook removedBeforeFanOut = service.create(new WebhookDraft(receiverUrl, List.of("calmdesk/*"), "removed", null),
                    "admin");
            LoggedEvent second = logged(log, "t2");
            PausingDataSource.Pause removalCommit = pausing.pauseCommitOf("DELETE FROM " + WebhookStore.WEBHOOKS + " WHERE");
            removing = removalThread.submit(() -> service.delete(removedBeforeFanOut.id()));
            removalCommit.awaitReached();
            fanOut.invalidate();
            fanning = fanOutThread.submit(() -> {
                fanOut.consume(second);
                return null;
            });
            Thread.sleep(300); // PostgreSQL: the fan-out's key check waits for the removal
            removalCommit.release();
            assertTrue(removing.get(10, TimeUnit.SECONDS));
            fanning.get(10, TimeUnit.SECONDS); // no error: the relay would otherwise retry the whole batch

            awaitDelivered(service, kept.id(), 2);
            assertEquals(Set.of(first.id(), second.id()), service.deliveries(kept.id(), null, PageRequest.first(10)).items().stream()
                    .map(Delivery::eventId).collect(Collectors.toSet()), "the webhook that stayed got both events");
            for (String removed : List.of(removedDuringFanOut.id(), removedBeforeFanOut.id())) {
                awaitNoDeliveries(log, removed);
            }
        } finally {
            dispatcher.deactivate();
            fanOutThread.shutdownNow();
            removalThread.shutdownNow();
        }
    }

    static LoggedEvent logged(EventLogAccess log, String ticketId) throws Exception {
        log.append(new DomainEvent("calmdesk/ticket/CREATED", ticketId, "c1", Map.of("ticketId", ticketId)));
        log.sequence();
        List<LoggedEvent> all = log.feed().after(null, null, 500).items();
        return all.get(all.size() - 1);
    }

    private static void awaitDelivered(JdbcWebhookService service, String webhookId, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (service.deliveries(webhookId, DeliveryStatus.DELIVERED, PageRequest.first(50)).items().size() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + count + " deliveries: " + service.deliveries(webhookId, null, PageRequest.first(50)).items());
            }
            Thread.sleep(50);
        }
    }

    /** Rows of the removed webhook, which no service call can list any more; H2's are dropped when claimed. */
    private static void awaitNoDeliveries(EventLogAccess log, String webhookId) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        int left;
        while ((left = deliveryRows(log, webhookId)) > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(left + " deliveries of removed webhook " + webhookId + " left behind: " + rows(log, webhookId));
            }
            Thread.sleep(50);
        }
    }

    private static String rows(EventLogAccess log, String webhookId) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = log.dataSource().getConnection();
                PreparedStatement select = c.prepareStatement("SELECT status, attempts, last_error, next_attempt_at, leased_until FROM "
                        + WebhookStore.DELIVERIES + " WHERE webhook_id = ?")) {
            select.setString(1, webhookId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    all.append(row.getString(1)).append(' ').append(row.getInt(2)).append(' ').append(row.getString(3)).append(' ')
                            .append(row.getTimestamp(4)).append(' ').append(row.getTimestamp(5)).append("; ");
                }
            }
        }
        return all.toString();
    }

    private static int deliveryRows(EventLogAccess log, String webhookId) throws Exception {
        try (Connection c = log.dataSource().getConnection();
                PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM " + WebhookStore.DELIVERIES + " WHERE webhook_id = ?")) {
            count.setString(1, webhookId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
