package org.calmdesk.events.internal.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventConsumer;
import org.calmdesk.core.testing.PostgresSchema;
import org.calmdesk.events.api.CreatedWebhook;
import org.calmdesk.events.api.DeliveryStatus;
import org.calmdesk.events.api.WebhookDraft;
import org.calmdesk.events.internal.EventLogAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.sun.net.httpserver.HttpServer;

/**
 * Two nodes on one PostgreSQL (run with {@code -Ppostgres}): both relay the log and both send
 * webhook deliveries, and still every consumer handles each event once and every webhook receives
 * each event once, while writers append concurrently.
 */
@EnabledIfSystemProperty(named = "calmdesk.test.pg.url", matches = ".+", disabledReason = "needs -Ppostgres")
class TwoNodesPostgresTest {

    private PostgresSchema schema;
    private EventLogAccess nodeA;
    private EventLogAccess nodeB;
    private HttpServer receiver;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        schema = PostgresSchema.create();
        nodeA = EventLogAccess.on(schema.dataSource());
        nodeB = EventLogAccess.on(schema.dataSource());
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.computeIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"), k -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        receiver.stop(0);
        nodeA.close();
        nodeB.close();
        schema.close();
    }

    @Test
    void aWebhookRemovedDuringAFanOutKeepsNoDeliveries() throws Exception {
        WebhookRemovalRace.run(nodeA, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    @Test
    void twoRelaysAndTwoDispatchersHandleAndDeliverEachEventOnce() throws Exception {
        WebhookDispatcher dispatcherA = new WebhookDispatcher(nodeA.dataSource(), WebhookDeliveryTest.config("127.0.0.1/32", 50));
        WebhookDispatcher dispatcherB = new WebhookDispatcher(nodeB.dataSource(), WebhookDeliveryTest.config("127.0.0.1/32", 50));
        try {
            WebhookFanOut fanOutA = new WebhookFanOut(dispatcherA);
            WebhookFanOut fanOutB = new WebhookFanOut(dispatcherB);
            CreatedWebhook webhook = new JdbcWebhookService(dispatcherA, fanOutA).create(new WebhookDraft(
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", List.of("calmdesk/ticket/*"), null, null), "admin");

            Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
            EventConsumer counting = event -> handled.computeIfAbsent(event.id(), k -> new AtomicInteger()).incrementAndGet();
            int writers = 4;
            int perWriter = 100;
            ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
            CountDownLatch writing = new CountDownLatch(writers);
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(pool.submit(() -> {
                    try {
                        for (int i = 0; i < perWriter; i++) {
                            (i % 2 == 0 ? nodeA : nodeB).append(new DomainEvent("calmdesk/ticket/CREATED", "t" + writer + "-" + i, "c1",
                                    Map.of("ticketId", "t" + writer + "-" + i)));
                        }
                    } finally {
                        writing.countDown();
                    }
                    return null;
                }));
            }
            // Each node relays as EventRelay does: number what is committed, then deliver, until the writers are done and all is handled.
            for (EventLogAccess node : List.of(nodeA, nodeB)) {
                WebhookFanOut fanOut = node == nodeA ? fanOutA : fanOutB;
                work.add(pool.submit(() -> {
                    // Until both subscribers are through: the counter has every event, fan-out made every delivery.
                    while (writing.getCount() > 0 || handled.size() < writers * perWriter
                            || deliveryRows(node) < writers * perWriter) {
                        node.relayOnce(List.of(node.subscriber("test.counting", counting), node.subscriber("events.webhooks", fanOut)));
                        Thread.sleep(5);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();

            assertEquals(writers * perWriter, handled.size());
            assertTrue(handled.values().stream().allMatch(n -> n.get() == 1), "a consumer handled no event twice across the nodes");
            JdbcWebhookService service = new JdbcWebhookService(dispatcherB, fanOutB);
            long deadline = System.currentTimeMillis() + 60_000;
            while (received.size() < writers * perWriter && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(writers * perWriter, received.size(), "every event reached the webhook");
            assertTrue(received.values().stream().allMatch(n -> n.get() == 1), "and none twice: "
                    + received.values().stream().filter(n -> n.get() > 1).count() + " duplicates");
            // The receiver counts a request before it answers, so the last attempts' outcomes may still be on their way to the log.
            Map<DeliveryStatus, Integer> statuses = deliveryStatuses(service, webhook.id());
            while (!statuses.keySet().equals(Set.of(DeliveryStatus.DELIVERED)) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                statuses = deliveryStatuses(service, webhook.id());
            }
            assertEquals(Map.of(DeliveryStatus.DELIVERED, writers * perWriter), statuses);
        } finally {
            dispatcherA.deactivate();
            dispatcherB.deactivate();
        }
    }

    private static Map<DeliveryStatus, Integer> deliveryStatuses(JdbcWebhookService service, String webhookId) {
        Map<DeliveryStatus, Integer> statuses = new HashMap<>();
        String cursor = null;
        do {
            var page = service.deliveries(webhookId, null, org.calmdesk.core.paging.PageRequest.of(200, cursor));
            page.items().forEach(d -> statuses.merge(d.status(), 1, Integer::sum));
            cursor = page.nextCursor();
        } while (cursor != null);
        return statuses;
    }

    private static long deliveryRows(EventLogAccess node) throws java.sql.SQLException {
        try (java.sql.Connection c = node.dataSource().getConnection(); java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rows = st.executeQuery("SELECT COUNT(*) FROM " + WebhookStore.DELIVERIES)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
