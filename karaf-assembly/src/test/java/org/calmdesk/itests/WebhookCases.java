package org.calmdesk.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Webhooks on the real distribution (issue 15): a CRM's receiver (here, in the test) gets each
 * module's events signed per Standard Webhooks and checks every signature with its own code; a
 * receiver that is down gets the event once it is back; the delivery log tells what happened.
 */
@RunWith(PaxExam.class)
public class WebhookCases extends SharedContainerCases {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One delivery as the receiver saw it. */
    record Received(String id, String type, JsonNode body, boolean valid) {
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);
    private volatile String secret;


    @Before
    public void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/crm/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            boolean valid = verify(secret, id, exchange.getRequestHeaders().getFirst("webhook-timestamp"), body,
                    exchange.getRequestHeaders().getFirst("webhook-signature"));
            JsonNode event = JSON.readTree(body);
            int status = answer.get();
            if (status / 100 == 2) {
                received.add(new Received(id, event.get("type").asText(), event, valid));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @After
    public void stopReceiver() {
        receiver.stop(0);
    }

    /** The receiver's own check of a Standard Webhooks signature. */
    private static boolean verify(String secret, String id, String timestamp, String body, String header) {
        try {
            if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body)
                    .getBytes(StandardCharsets.UTF_8)));
            return header != null && List.of(header.split(" ")).contains(expected);
        } catch (Exception e) {
            return false;
        }
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/crm/hook";
    }

    private JsonNode subscribe(List<String> topics) {
        Reply created = call("POST", "/api/v1/webhooks", ADMIN, json(Map.of("url", url(), "topics", topics, "description", "the CRM")));
        assertEquals(created.toString(), 201, created.status());
        secret = created.json().get("secret").asText();
        assertTrue(secret.startsWith("whsec_"));
        return created.json();
    }

    private String created(String path, Object body) {
        Reply reply = call("POST", path, AGENT, json(body));
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json().get("id").asText();
    }

    @Test
    public void eachModulesEventsReachTheReceiverSignedAndTheSecretIsNeverShownAgain() throws Exception {
        JsonNode webhook = subscribe(List.of("calmdesk/*"));
        String id = webhook.get("id").asText();
        assertFalse(call("GET", "/api/v1/webhooks/" + id, ADMIN, null).body().contains(secret));
        assertFalse(call("GET", "/api/v1/webhooks", ADMIN, null).body().contains(secret));

        Reply survey = call("POST", "/api/v1/surveys", ADMIN, json(Map.of("name", "回访满意度 " + System.nanoTime(),
                "trigger", "TICKET_RESOLVED", "questions", List.of(Map.of("key", "csat", "type", "CSAT", "text", "满意吗？", "required", true)))));
        assertEquals(201, survey.status());
        String customerId = created("/api/v1/customers", Map.of("name", "王芳", "language", "zh"));
        String ticketId = created("/api/v1/tickets", Map.of("customerId", customerId, "channel", "PHONE", "category", "BILLING",
                "subject", "话费多扣", "emotion", Map.of("label", "ANGER", "intensity", 0.8)));
        for (String to : List.of("ACKNOWLEDGED", "INVESTIGATING", "SOLUTION_PROPOSED")) {
            assertEquals(200, call("POST", "/api/v1/tickets/" + ticketId + "/transitions", AGENT, json(Map.of("to", to))).status());
        }
        assertEquals(200, call("POST", "/api/v1/tickets/" + ticketId + "/transitions", AGENT, json(Map.of("to", "RESOLVED",
                "resolution", Map.of("summary", "退费", "rootCause", "计费系统重复扣款"), "commitment",
                Map.of("text", "三天后回访", "followUpAt", Instant.now().plus(Duration.ofDays(3)).toString())))).status());
        created("/api/v1/articles", Map.of("title", "重复扣费", "problem", "扣了两次", "rootCause", "计费重试", "solution", "退费",
                "category", "BILLING", "language", "zh"));

        Set<String> wanted = Set.of("customer.created", "ticket.created", "ticket.resolved", "followup.created", "survey.invited",
                "knowledge.created");
        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().map(Received::type).toList().containsAll(wanted));
        assertTrue("every signature checks out: " + received, received.stream().allMatch(Received::valid));
        Received resolved = received.stream().filter(r -> r.type().equals("ticket.resolved")).findFirst().orElseThrow();
        assertEquals(ticketId, resolved.body().get("resourceId").asText());
        assertEquals(resolved.id(), resolved.body().get("id").asText());
        assertEquals("calmdesk/ticket/RESOLVED", resolved.body().get("topic").asText());
        assertTrue(resolved.body().get("sequence").asLong() > 0);

        // The receiver has the request before the node has its answer, and outcomes are written in batches.
        await().atMost(Duration.ofSeconds(10)).until(() -> call("GET", "/api/v1/webhooks/" + id + "/deliveries?status=DELIVERED&limit=200",
                ADMIN, null).body().contains(resolved.id()));
        String console = executeCommand("calmdesk:webhook-deliveries --limit 50 " + id);
        assertTrue(console, console.contains("ticket.resolved") && console.contains("DELIVERED"));
        assertTrue(executeCommand("calmdesk:webhook-list").contains(id));
        assertEquals(204, call("DELETE", "/api/v1/webhooks/" + id, ADMIN, null).status());
    }

    @Test
    public void aReceiverThatIsDownGetsTheEventOnceItIsBack() throws Exception {
        JsonNode webhook = subscribe(List.of("calmdesk/customer/CREATED"));
        String id = webhook.get("id").asText();
        answer.set(503);
        String customerId = created("/api/v1/customers", Map.of("name", "李雷"));
        await().atMost(Duration.ofSeconds(20)).until(() -> call("GET", "/api/v1/webhooks/" + id + "/deliveries", ADMIN, null)
                .json().get("items").toString().contains("\"lastStatusCode\":503"));
        answer.set(200);
        // The first retry comes within 30 s (5 s, with jitter).
        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                .anyMatch(r -> customerId.equals(r.body().get("resourceId").asText())));
        // The outcome is recorded once the receiver has answered: a moment after it got the event.
        await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(call("GET", "/api/v1/webhooks/" + id + "/deliveries",
                ADMIN, null).json().get("items").get(0).get("status").asText()));
        JsonNode delivery = call("GET", "/api/v1/webhooks/" + id + "/deliveries", ADMIN, null).json().get("items").get(0);
        assertEquals("DELIVERED", delivery.get("status").asText());
        assertTrue(delivery.toString(), delivery.get("attempts").asInt() >= 2);
        Thread.sleep(1000);
        Set<String> ids = new HashSet<>();
        received.forEach(r -> ids.add(r.id()));
        assertEquals("delivered once", received.size(), ids.size());

        // A redelivery an admin asks for comes with the same webhook-id: the receiver can tell.
        Reply again = call("POST", "/api/v1/webhooks/" + id + "/deliveries/" + delivery.get("id").asText() + "/redeliver", ADMIN, null);
        assertEquals(again.toString(), 202, again.status());
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertEquals(received.get(0).id(), received.get(1).id());

        Reply ping = call("POST", "/api/v1/webhooks/" + id + "/ping", ADMIN, null);
        assertEquals(202, ping.status());
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(r -> r.type().equals("webhook.ping")));
    }

    @Test
    public void targetsInsideTheNetworkBadTopicsAndOtherRolesAreRefused() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("url", "http://10.1.2.3/hook", "topics", List.of("calmdesk/*")),
                Map.of("url", "http://169.254.169.254/latest/meta-data", "topics", List.of("calmdesk/*")),
                Map.of("url", "file:///etc/passwd", "topics", List.of("calmdesk/*")),
                Map.of("url", url(), "topics", List.of()),
                Map.of("url", url(), "topics", List.of("tickets")))) {
            Reply reply = call("POST", "/api/v1/webhooks", ADMIN, json(bad));
            assertEquals(bad + ": " + reply, 400, reply.status());
            assertEquals("application/problem+json", reply.contentType());
        }
        assertEquals(403, call("POST", "/api/v1/webhooks", AGENT, json(Map.of("url", url(), "topics", List.of("calmdesk/*")))).status());
        assertEquals(403, call("GET", "/api/v1/webhooks", INTEGRATION, null).status());
        assertEquals(404, call("GET", "/api/v1/webhooks/no-such-webhook", ADMIN, null).status());
    }
}
