package org.calmdesk.events.internal.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.events.api.CreatedWebhook;
import org.calmdesk.events.api.Delivery;
import org.calmdesk.events.api.DeliveryStatus;
import org.calmdesk.events.api.WebhookDraft;
import org.calmdesk.events.internal.EventLogAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Webhooks on H2 against a real HTTP receiver that checks each signature with its own code. */
class WebhookDeliveryTest {

    /** One delivery as the receiver saw it. */
    record Received(String id, String timestamp, String signature, String body, boolean valid) {
    }

    private EventLogAccess log;
    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(204);
    private volatile String secret;
    private final AtomicInteger slowInFlight = new AtomicInteger();
    private final AtomicInteger slowMostAtOnce = new AtomicInteger();
    private final AtomicInteger slowReceived = new AtomicInteger();
    private final List<String> slowBodies = new CopyOnWriteArrayList<>();
    private WebhookDispatcher dispatcher;
    private WebhookFanOut fanOut;
    private JdbcWebhookService service;

    @BeforeEach
    void setUp() throws Exception {
        log = EventLogAccess.h2();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String sig = exchange.getRequestHeaders().getFirst("webhook-signature");
            received.add(new Received(id, ts, sig, body, verify(secret, id, ts, body, sig)));
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        receiver.createContext("/slow", exchange -> {
            slowBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int now = slowInFlight.incrementAndGet();
            slowMostAtOnce.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slowInFlight.decrementAndGet();
            slowReceived.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.start();
        dispatcher = new WebhookDispatcher(log.dataSource(), config("127.0.0.1/32", 3));
        fanOut = new WebhookFanOut(dispatcher);
        service = new JdbcWebhookService(dispatcher, fanOut);
    }

    @AfterEach
    void tearDown() throws Exception {
        dispatcher.deactivate();
        receiver.stop(0);
        log.close();
    }

    /** The receiver's own check, as the Standard Webhooks spec describes it. */
    static boolean verify(String secret, String id, String timestamp, String body, String header) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            return header != null && List.of(header.split(" ")).contains(expected);
        } catch (Exception e) {
            return false;
        }
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private CreatedWebhook subscribe(String... topics) {
        CreatedWebhook created = service.create(new WebhookDraft(hookUrl(), List.of(topics), "test CRM", null), "admin");
        secret = created.secret();
        return created;
    }

    private LoggedEvent logged(DomainEvent event) throws Exception {
        log.append(event);
        log.sequence();
        List<LoggedEvent> all = log.feed().after(null, null, 500).items();
        return all.get(all.size() - 1);
    }

    @Test
    void signaturesFollowTheStandardWebhooksTestVector() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", Signature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}"));
        assertTrue(Signature.newSecret().startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(Signature.newSecret().substring(6)).length);
    }

    @Test
    void privateLoopbackAndLinkLocalTargetsAreRefusedUnlessAllowed() {
        TargetPolicy strict = new TargetPolicy("");
        for (String url : List.of("http://127.0.0.1/x", "http://10.1.2.3/x", "http://192.168.1.1/x", "http://169.254.169.254/latest",
                "http://[::1]/x", "http://[fd00::1]/x", "http://0.0.0.0/x", "ftp://93.184.216.34/x", "http://user:pw@93.184.216.34/x",
                "not a url", "http:///nohost")) {
            assertThrows(ValidationException.class, () -> strict.check(url), url);
        }
        assertEquals("93.184.216.34", strict.check("https://93.184.216.34/hook").getHost());
        TargetPolicy inHouse = new TargetPolicy("10.0.0.0/8, 127.0.0.1");
        inHouse.check("http://10.20.30.40/crm");
        inHouse.check("http://127.0.0.1:9000/crm");
        assertThrows(ValidationException.class, () -> inHouse.check("http://192.168.0.5/crm"));
    }

    @Test
    void retriesStartWithinThirtySecondsAndGrowToFourHours() {
        for (int i = 0; i < 20; i++) {
            assertTrue(WebhookDispatcher.retryDelay(1).compareTo(Duration.ofSeconds(30)) < 0);
        }
        assertTrue(WebhookDispatcher.retryDelay(3).compareTo(WebhookDispatcher.retryDelay(1)) > 0);
        assertTrue(WebhookDispatcher.retryDelay(40).compareTo(Duration.ofMinutes(290)) < 0);
    }

    @Test
    void matchingEventsAreDeliveredSignedOnceAndTheSecretIsShownOnlyAtCreation() throws Exception {
        CreatedWebhook webhook = subscribe("calmdesk/ticket/*");
        LoggedEvent resolved = logged(new DomainEvent("calmdesk/ticket/RESOLVED", "t1", "c1", Map.of("ticketId", "t1")));
        LoggedEvent customer = logged(new DomainEvent("calmdesk/customer/UPDATED", "c1", "c1", Map.of("customerId", "c1")));
        fanOut.consume(resolved);
        fanOut.consume(resolved); // a replay after a crash
        fanOut.consume(customer);
        awaitDeliveries(webhook.id(), DeliveryStatus.DELIVERED, 1);
        assertEquals(1, received.size());
        Received got = received.get(0);
        assertEquals(resolved.id(), got.id());
        assertTrue(got.valid(), "the receiver verified the signature");
        assertTrue(got.body().contains("\"type\":\"ticket.resolved\""), got.body());
        assertFalse(service.find(webhook.id()).orElseThrow().toString().contains(secret), "never shown again");
        assertFalse(service.list().toString().contains(secret));
    }

    /** With no active webhook for a topic the relay reads none of its events for the fan-out (see ConsumerDemand). */
    @Test
    void theFanOutWantsATopicOnlyWhileAnActiveWebhookTakesIt() {
        assertFalse(fanOut.wantsNow("calmdesk/ticket/CREATED"), "no webhook yet");
        CreatedWebhook webhook = subscribe("calmdesk/ticket/*");
        assertTrue(fanOut.wantsNow("calmdesk/ticket/CREATED"), "created on this node: known at once");
        assertFalse(fanOut.wantsNow("calmdesk/customer/CREATED"), "not its topic");
        assertFalse(fanOut.wantsNow(WebhookTopics.PING), "a ping goes to its webhook without the fan-out");
        service.update(webhook.id(), new WebhookDraft(hookUrl(), List.of("calmdesk/ticket/*"), "test CRM", false), null, "admin");
        assertFalse(fanOut.wantsNow("calmdesk/ticket/CREATED"), "an inactive webhook takes nothing");
    }

    @Test
    void aReceiverThatIsDownGetsTheEventWhenItIsBackAndA410DisablesTheWebhook() throws Exception {
        CreatedWebhook webhook = subscribe("calmdesk/*");
        answer.set(503);
        fanOut.consume(logged(new DomainEvent("calmdesk/ticket/CREATED", "t1", "c1", Map.of("ticketId", "t1"))));
        awaitAttempts(webhook.id(), 1);
        Delivery failed = service.deliveries(webhook.id(), null, PageRequest.first(10)).items().get(0);
        assertEquals(DeliveryStatus.PENDING, failed.status());
        assertEquals(503, failed.lastStatusCode());
        assertTrue(failed.nextAttemptAt().isBefore(Instant.now().plusSeconds(30)), "the first retry within 30 s");
        answer.set(200);
        service.redeliver(webhook.id(), failed.id()); // no need to wait out the delay in a test
        awaitDeliveries(webhook.id(), DeliveryStatus.DELIVERED, 1);
        assertEquals(2, received.size());
        assertEquals(received.get(0).id(), received.get(1).id(), "the same webhook-id: receivers dedupe by it");

        answer.set(410);
        fanOut.consume(logged(new DomainEvent("calmdesk/ticket/CLOSED", "t1", "c1", Map.of("ticketId", "t1"))));
        awaitDeliveries(webhook.id(), DeliveryStatus.FAILED, 1);
        assertFalse(service.find(webhook.id()).orElseThrow().active());
        assertEquals("the receiver answered 410 Gone", service.find(webhook.id()).orElseThrow().disabledReason());
        log.sequence();
        assertEquals(1, log.feed().after(null, "calmdesk/webhook/DISABLED", 10).items().size(), "an event of its own");
    }

    @Test
    void aStreakOfFailuresDisablesTheWebhookAndAPingReachesOnlyItsWebhook() throws Exception {
        dispatcher.modified(config("127.0.0.1/32", 2));
        CreatedWebhook webhook = subscribe("calmdesk/*");
        answer.set(500);
        fanOut.consume(logged(new DomainEvent("calmdesk/ticket/CREATED", "t1", "c1", Map.of())));
        fanOut.consume(logged(new DomainEvent("calmdesk/ticket/CREATED", "t2", "c1", Map.of())));
        awaitAttempts(webhook.id(), 2);
        long deadline = System.currentTimeMillis() + 10_000;
        while (service.find(webhook.id()).orElseThrow().active() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("2 failed deliveries in a row", service.find(webhook.id()).orElseThrow().disabledReason());

        service.update(webhook.id(), new WebhookDraft(hookUrl(), List.of("calmdesk/customer/*"), null, true), null, "admin");
        assertNull(service.find(webhook.id()).orElseThrow().disabledReason(), "re-enabled by an admin");
        answer.set(200);
        Delivery ping = service.ping(webhook.id());
        awaitDeliveries(webhook.id(), DeliveryStatus.DELIVERED, 1);
        assertTrue(received.get(received.size() - 1).body().contains("webhook.ping"));
        assertEquals(ping.eventId(), received.get(received.size() - 1).id());
    }

    @Test
    void aNewWebhookHearsWhatHappensFromItsCreationOnNotTheHistoryBefore() throws Exception {
        LoggedEvent before = logged(new DomainEvent("calmdesk/ticket/CREATED", "t0", "c1", Map.of("ticketId", "t0")));
        Thread.sleep(5); // the webhook is created strictly after the event occurred
        CreatedWebhook webhook = subscribe("calmdesk/*");
        fanOut.consume(before);
        LoggedEvent after = logged(new DomainEvent("calmdesk/ticket/CREATED", "t1", "c1", Map.of("ticketId", "t1")));
        fanOut.consume(after);
        awaitDeliveries(webhook.id(), DeliveryStatus.DELIVERED, 1);
        assertEquals(List.of(after.id()), service.deliveries(webhook.id(), null, PageRequest.first(10)).items().stream()
                .map(Delivery::eventId).toList());
    }

    @Test
    void aDeliveryThatSucceedsEndsTheFailureStreak() throws Exception {
        dispatcher.modified(config("127.0.0.1/32", 2));
        CreatedWebhook webhook = subscribe("calmdesk/*");
        answer.set(500);
        fanOut.consume(logged(new DomainEvent("calmdesk/ticket/CREATED", "t1", "c1", Map.of())));
        awaitAttempts(webhook.id(), 1);
        answer.set(200);
        Delivery failed = service.deliveries(webhook.id(), null, PageRequest.first(10)).items().get(0);
        service.redeliver(webhook.id(), failed.id());
        awaitDeliveries(webhook.id(), DeliveryStatus.DELIVERED, 1);

        answer.set(500);
        fanOut.consume(logged(new DomainEvent("calmdesk/ticket/CREATED", "t2", "c1", Map.of())));
        awaitAttempts(webhook.id(), 2);
        assertTrue(service.find(webhook.id()).orElseThrow().active(),
                "one failure after a success is a streak of 1, below the limit of 2");
    }

    @Test
    void aSlowReceiverNeitherHoldsUpAnotherWebhookNorGetsMoreThanItsShareAtOnce() throws Exception {
        CreatedWebhook slow = service.create(new WebhookDraft(hookUrl().replace("/hook", "/slow"), List.of("calmdesk/*"), "slow CRM", null),
                "admin");
        CreatedWebhook fast = subscribe("calmdesk/*");
        List<LoggedEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(logged(new DomainEvent("calmdesk/ticket/CREATED", "t" + i, "c1", Map.of("ticketId", "t" + i))));
        }
        fanOut.consumeAll(events);
        long start = System.currentTimeMillis();
        awaitDeliveries(fast.id(), DeliveryStatus.DELIVERED, 40);
        long took = System.currentTimeMillis() - start;
        assertTrue(took < 5_000, "the fast receiver had all 40 in " + took + " ms while the slow one took a second each");
        assertTrue(slowReceived.get() < 10, "the slow receiver is still working through its share: " + slowReceived.get());
        assertEquals(1, slowMostAtOnce.get(), "never more than perWebhookConcurrency (1) at once to one receiver");
        assertEquals(40, received.stream().map(Received::id).distinct().count(), "each event once");
        assertEquals(40, received.size());
        assertTrue(received.stream().allMatch(Received::valid));
        assertTrue(service.find(slow.id()).orElseThrow().active());
    }

    @Test
    void deliveriesWaitingForASlowReceiverCarryTheRedactedEventOnceTheCustomerIsErased() throws Exception {
        CreatedWebhook slow = service.create(new WebhookDraft(hookUrl().replace("/hook", "/slow"), List.of("calmdesk/*"), "slow CRM", null),
                "admin");
        List<LoggedEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(logged(new DomainEvent("calmdesk/customer/INTERACTION_RECORDED", "c9", "c9",
                    Map.of("customerId", "c9", "summary", "shouted about the fees #" + i), Set.of("summary"))));
        }
        fanOut.consumeAll(events);
        long deadline = System.currentTimeMillis() + 10_000;
        while (slowReceived.get() < 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        // The other four wait in this node's lane (the receiver takes a second each) while the customer is erased.
        assertEquals(5, log.redactCustomer("c9"));
        awaitDeliveries(slow.id(), DeliveryStatus.DELIVERED, 5);
        assertEquals(5, slowBodies.size());
        assertTrue(slowBodies.get(0).contains("shouted about the fees"), "sent before the erasure: " + slowBodies.get(0));
        for (String late : slowBodies.subList(3, 5)) {
            assertFalse(late.contains("shouted"), late);
            assertTrue(late.contains("\"summary\":\"(erased)\""), late);
        }
    }

    @Test
    void aSendBorrowsNoConnectionItsClaimAlreadyReadWhatItNeeds() throws Exception {
        // Under load each borrow waits behind the requests for a pooled connection (some 300 ms in
        // bench/event-log's profile): the claim reads the deliveries' events and webhooks in its own transaction.
        AtomicInteger borrowedBySenders = new AtomicInteger();
        java.util.function.UnaryOperator<DataSource> counting = own -> (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && Thread.currentThread().getName().equals("calmdesk-webhook-sender")) {
                        borrowedBySenders.incrementAndGet();
                    }
                    try {
                        return method.invoke(own, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        dispatcher.deactivate();
        dispatcher = new WebhookDispatcher(log.dataSource(), config("127.0.0.1/32", 3), counting);
        fanOut = new WebhookFanOut(dispatcher);
        service = new JdbcWebhookService(dispatcher, fanOut);
        CreatedWebhook webhook = subscribe("calmdesk/*");
        List<LoggedEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(logged(new DomainEvent("calmdesk/ticket/CREATED", "t" + i, "c1", Map.of("ticketId", "t" + i))));
        }
        fanOut.consumeAll(events);
        awaitDeliveries(webhook.id(), DeliveryStatus.DELIVERED, 20);
        assertEquals(20, received.size());
        assertTrue(received.stream().allMatch(Received::valid), "signed with the secret the claim read");
        assertEquals(0, borrowedBySenders.get(), "connections borrowed by the senders");
    }

    @Test
    void aWebhookRemovedDuringAFanOutKeepsNoDeliveries() throws Exception {
        WebhookRemovalRace.run(log, hookUrl());
    }

    @Test
    void badDraftsAreClearProblems() {
        assertThrows(ValidationException.class, () -> service.create(new WebhookDraft(hookUrl(), List.of(), null, null), "a"));
        assertThrows(ValidationException.class, () -> service.create(new WebhookDraft(hookUrl(), List.of("tickets"), null, null), "a"));
        assertThrows(ValidationException.class, () -> service.create(new WebhookDraft("http://10.0.0.1/x", List.of("*"), null, null), "a"));
        assertThrows(ValidationException.class, () -> service.create(null, "a"));
    }

    private void awaitDeliveries(String webhookId, DeliveryStatus status, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (service.deliveries(webhookId, status, PageRequest.first(50)).items().size() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + count + " " + status + " deliveries: "
                        + service.deliveries(webhookId, null, PageRequest.first(50)).items());
            }
            Thread.sleep(50);
        }
    }

    private void awaitAttempts(String webhookId, int deliveries) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (service.deliveries(webhookId, null, PageRequest.first(50)).items().stream().filter(d -> d.attempts() > 0).count() < deliveries) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no attempts yet");
            }
            Thread.sleep(50);
        }
    }

    static WebhooksConfig config(String allowed, int disableAfter) {
        return new WebhooksConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return WebhooksConfig.class;
            }

            @Override
            public String allowedTargets() {
                return allowed;
            }

            @Override
            public int deliveryThreads() {
                return 2;
            }

            @Override
            public int perWebhookConcurrency() {
                return 1;
            }

            @Override
            public int timeoutSeconds() {
                return 5;
            }

            @Override
            public int retryForHours() {
                return 72;
            }

            @Override
            public int disableAfterFailures() {
                return disableAfter;
            }
        };
    }
}
