package org.calmdesk.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.calmdesk.core.events.EventConsumer;
import org.calmdesk.core.events.LoggedEvent;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The event log on the real distribution (issue 15): every module event goes through it, in order,
 * to the modules' durable consumers, EventAdmin and the /events feed; a module that was stopped
 * while its events were appended catches up when it comes back; an erased customer's free text is
 * redacted in the stored events.
 */
@RunWith(PaxExam.class)
public class EventLogCases extends SharedContainerCases {

    private static final String EVENTS = "/api/v1/events";

    private String customer(String name) {
        Reply reply = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", name, "language", "zh")));
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json().get("id").asText();
    }

    private String ticket(String customerId, String subject) {
        Reply reply = call("POST", "/api/v1/tickets", AGENT, json(Map.of("customerId", customerId, "channel", "PHONE",
                "category", "BILLING", "subject", subject, "emotion", Map.of("label", "ANGER", "intensity", 0.7))));
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json().get("id").asText();
    }

    private void resolve(String ticketId) {
        for (String to : List.of("ACKNOWLEDGED", "INVESTIGATING", "SOLUTION_PROPOSED")) {
            assertEquals(200, call("POST", "/api/v1/tickets/" + ticketId + "/transitions", AGENT, json(Map.of("to", to))).status());
        }
        Reply resolved = call("POST", "/api/v1/tickets/" + ticketId + "/transitions", AGENT, json(Map.of("to", "RESOLVED",
                "resolution", Map.of("summary", "退还多扣费用"), "commitment",
                Map.of("text", "三天后回访", "followUpAt", Instant.now().plus(Duration.ofDays(3)).toString()))));
        assertEquals(resolved.toString(), 200, resolved.status());
    }

    private List<JsonNode> feed(String query) {
        Reply reply = call("GET", EVENTS + query, ADMIN, null);
        assertEquals(reply.toString(), 200, reply.status());
        List<JsonNode> items = new ArrayList<>();
        reply.json().get("items").forEach(items::add);
        return items;
    }

    @Test
    public void theFeedListsEveryModulesEventsInSequenceOrderForAdminsAndIntegrations() throws Exception {
        String cursor = call("GET", EVENTS + "?limit=500", ADMIN, null).json().get("nextCursor").asText();
        String customerId = customer("王芳");
        String ticketId = ticket(customerId, "话费多扣了两次");
        resolve(ticketId);

        await().atMost(Duration.ofSeconds(10)).until(() -> feed("?after=" + cursor + "&topic=calmdesk/followup/CREATED").stream()
                .anyMatch(e -> ticketId.equals(e.get("data").get("ticketId").asText())));
        List<JsonNode> events = feed("?after=" + cursor + "&limit=500");
        List<String> types = events.stream().filter(e -> ticketId.equals(e.get("resourceId").asText())).map(e -> e.get("type").asText()).toList();
        assertEquals(List.of("ticket.created", "ticket.transitioned", "ticket.acknowledged", "ticket.transitioned",
                "ticket.transitioned", "ticket.transitioned", "ticket.resolved"), types);
        long previous = Long.parseLong(cursor);
        for (JsonNode e : events) {
            assertTrue("strictly increasing sequence", e.get("sequence").asLong() > previous);
            previous = e.get("sequence").asLong();
            assertTrue(e.toString(), e.hasNonNull("id") && e.hasNonNull("topic") && e.hasNonNull("occurredAt") && e.get("data").isObject());
        }
        assertEquals("customer.created", events.get(0).get("type").asText());

        List<JsonNode> tickets = feed("?after=" + cursor + "&topic=calmdesk/ticket/*&limit=2");
        assertEquals(2, tickets.size());
        assertEquals("ticket.created", tickets.get(0).get("type").asText());
        Reply page = call("GET", EVENTS + "?after=" + cursor + "&topic=calmdesk/ticket/*&limit=2", INTEGRATION, null);
        assertEquals("the CRM's role reads the feed", 200, page.status());
        String next = page.json().get("nextCursor").asText();
        assertEquals(tickets.get(1).get("sequence").asText(), next);

        assertEquals(403, call("GET", EVENTS, AGENT, null).status());
        assertEquals(401, call("GET", EVENTS, null, null).status());
        for (String bad : List.of("?after=abc", "?topic=calmdesk/ticket/%25", "?limit=0", "?limit=501")) {
            Reply reply = call("GET", EVENTS + bad, ADMIN, null);
            assertEquals(bad, 400, reply.status());
            assertEquals(bad, "application/problem+json", reply.contentType());
        }

        String console = executeCommand("calmdesk:events --topic calmdesk/ticket/* --limit 50");
        assertTrue(console, console.contains("ticket.resolved") && console.contains(ticketId));
        String consumers = executeCommand("calmdesk:event-consumers");
        assertTrue(consumers, consumers.contains("followup.ticket-commitment-listener") && consumers.contains("eventadmin"));
    }

    @Test
    public void aStoppedModuleCatchesUpOnWhatHappenedMeanwhile() throws Exception {
        Bundle followups = bundle("calmdesk-followup");
        String customerId = customer("李雷");
        String ticketId = ticket(customerId, "宽带断线一周");
        followups.stop();
        try {
            resolve(ticketId);
            Thread.sleep(1000);
        } finally {
            followups.start();
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                call("GET", "/api/v1/followups?ticketId=" + ticketId, AGENT, null).json().get("items").size() == 1);
    }

    @Test
    public void consumersAndEventAdminListenersHearEachEventWithItsIdAndAnErasureIsRedactedInTheLog() throws Exception {
        List<LoggedEvent> erasures = new CopyOnWriteArrayList<>();
        List<org.osgi.service.event.Event> heard = new CopyOnWriteArrayList<>();
        String customerId = customer("张伟");
        String ticketId = ticket(customerId, "张伟的手机号 13800000000 被泄露");
        assertEquals(204, call("DELETE", "/api/v1/customers/" + customerId, ADMIN, null).status());

        // Installed after the erasure: a durable consumer starts from the oldest event kept, so it still hears of it.
        Hashtable<String, Object> consumer = new Hashtable<>(Map.of(EventConsumer.NAME, "itest.erasures-" + System.nanoTime(),
                EventConsumer.TOPICS, "calmdesk/customer/ERASED"));
        ServiceRegistration<EventConsumer> late = bundleContext.registerService(EventConsumer.class, erasures::add, consumer);
        ServiceRegistration<EventHandler> listener = bundleContext.registerService(EventHandler.class, heard::add,
                new Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, "calmdesk/customer/*")));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> erasures.stream().anyMatch(e -> customerId.equals(e.resourceId())));
            String other = customer("赵六");
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.stream().anyMatch(e -> other.equals(e.getProperty("customerId"))));
            org.osgi.service.event.Event created = heard.stream().filter(e -> other.equals(e.getProperty("customerId"))).findFirst().orElseThrow();
            assertTrue(created.getProperty(LoggedEvent.EVENT_ID) instanceof String);
            assertTrue(created.getProperty(LoggedEvent.EVENT_SEQUENCE) instanceof Long);
        } finally {
            late.unregister();
            listener.unregister();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> feed("?topic=calmdesk/ticket/CREATED&limit=500").stream()
                .filter(e -> ticketId.equals(e.get("resourceId").asText()))
                .allMatch(e -> "(erased)".equals(e.get("data").get("subject").asText())));
        Map<String, Object> kept = new LinkedHashMap<>();
        feed("?topic=calmdesk/ticket/CREATED&limit=500").stream().filter(e -> ticketId.equals(e.get("resourceId").asText()))
                .forEach(e -> kept.put("category", e.get("data").get("category").asText()));
        assertEquals("figures stay", "BILLING", kept.get("category"));
    }

    @Test
    public void aPollerPagingTheFeedWhileClientsWriteSeesEveryEventOnceInOrder() throws Exception {
        String start = call("GET", EVENTS + "?limit=500", ADMIN, null).json().get("nextCursor").asText();
        int writers = 6;
        int perWriter = 25;
        java.util.Set<String> created = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        List<java.util.concurrent.Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            writes.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    created.add(customer("并发客户 " + writer + "-" + i));
                }
                return null;
            }));
        }
        // The poller pages with small pages while the writes go on, as a CRM would.
        List<JsonNode> seen = new ArrayList<>();
        String cursor = start;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode page = call("GET", EVENTS + "?topic=calmdesk/customer/CREATED&limit=7&after=" + cursor, INTEGRATION, null).json();
            page.get("items").forEach(seen::add);
            cursor = page.get("nextCursor").asText();
            boolean done = writes.stream().allMatch(java.util.concurrent.Future::isDone);
            if (done && seen.stream().map(e -> e.get("resourceId").asText()).filter(created::contains).count() >= created.size()) {
                break;
            }
            Thread.sleep(page.get("items").size() == 0 ? 50 : 0);
        }
        for (java.util.concurrent.Future<?> write : writes) {
            write.get();
        }
        pool.shutdown();
        assertEquals(writers * perWriter, created.size());
        List<String> ids = seen.stream().map(e -> e.get("resourceId").asText()).filter(created::contains).toList();
        assertEquals("every create seen exactly once", created.size(), ids.size());
        assertEquals(created, new java.util.HashSet<>(ids));
        long previous = Long.parseLong(start);
        for (JsonNode e : seen) {
            assertTrue("the feed never goes back", e.get("sequence").asLong() > previous);
            previous = e.get("sequence").asLong();
        }
    }
}
