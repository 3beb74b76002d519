package org.calmdesk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Idempotency-Key on creating POSTs, as a CRM that retries after a timeout uses it. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IdempotencyIT extends CalmdeskTestSupport {

    /** Sends the request and hangs up without reading the answer: the client's read timed out. */
    private static void sendAndGiveUp(String path, String user, String body, String key) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Authorization: Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "Idempotency-Key: " + key + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(System.getProperty("calmdesk.itest.httpPort")))) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        }
    }

    @Test
    public void aClientRetryingACreateAfterATimeoutGetsOneResource() throws Exception {
        String tag = unique("idem");
        String body = json(Map.of("name", "重试的客户", "tags", List.of(tag)));
        String key = UUID.randomUUID().toString();

        sendAndGiveUp("/api/v1/customers", AGENT, body, key);

        // The retry: 409 while the first still runs, then the first one's answer.
        AtomicReference<Reply> retry = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            retry.set(call("POST", "/api/v1/customers", AGENT, body, "Idempotency-Key", key));
            assertTrue(retry.get().toString(), retry.get().status() == 201 || retry.get().status() == 409);
            return retry.get().status() == 201;
        });
        String id = retry.get().json().get("id").asText();
        assertTrue(retry.get().location().endsWith("/customers/" + id));

        Reply again = call("POST", "/api/v1/customers", AGENT, body, "Idempotency-Key", key);
        assertEquals(201, again.status());
        assertEquals(id, again.json().get("id").asText());
        assertEquals(retry.get().etag(), again.etag());

        Reply listed = call("GET", "/api/v1/customers?tag=" + tag, AGENT, null);
        assertEquals("one customer for one key, however often it was sent", 1, listed.json().get("items").size());
        assertEquals(id, listed.json().get("items").get(0).get("id").asText());
    }

    @Test
    public void theSameKeyWithAnotherBodyIsA422AndBadKeysA400() {
        String key = UUID.randomUUID().toString();
        Reply first = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "First")), "Idempotency-Key", key);
        assertEquals(201, first.status());
        Reply other = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "Second")), "Idempotency-Key", key);
        assertEquals(other.toString(), 422, other.status());
        assertTrue(other.isProblem());
        assertEquals(422, other.json().get("status").asInt());

        Reply tooLong = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "x")), "Idempotency-Key", "k".repeat(256));
        assertEquals(tooLong.toString(), 400, tooLong.status());
        assertTrue(tooLong.isProblem());
    }

    @Test
    public void keysBelongToTheirCallerAndTicketsTakeThemToo() {
        String key = UUID.randomUUID().toString();
        String body = json(Map.of("name", "Shared key"));
        Reply byAgent = call("POST", "/api/v1/customers", AGENT, body, "Idempotency-Key", key);
        Reply byIntegration = call("POST", "/api/v1/customers", INTEGRATION, body, "Idempotency-Key", key);
        assertEquals(201, byIntegration.status());
        assertNotEquals("another caller's key is not replayed to me", byAgent.json().get("id").asText(),
                byIntegration.json().get("id").asText());

        String customerId = byAgent.json().get("id").asText();
        String ticket = json(Map.of("customerId", customerId, "channel", "EMAIL", "category", "BILLING", "subject", "Twice"));
        String ticketKey = UUID.randomUUID().toString();
        Reply opened = call("POST", "/api/v1/tickets", INTEGRATION, ticket, "Idempotency-Key", ticketKey);
        Reply reopened = call("POST", "/api/v1/tickets", INTEGRATION, ticket, "Idempotency-Key", ticketKey);
        assertEquals(201, opened.status());
        assertEquals(opened.json().get("id").asText(), reopened.json().get("id").asText());
        assertEquals(opened.json().get("number").asText(), reopened.json().get("number").asText());
    }
}
