package org.calmdesk.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 13: a module that cannot serve right now answers 503 with Retry-After, never 404 for data
 * that exists; health and readiness say so, and come back by themselves.
 */
@RunWith(PaxExam.class)
public class AvailabilityCases extends SharedContainerCases {

    /** Reads one existing record over and over and counts the answers by status. */
    private static final class Reader implements AutoCloseable {
        final Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger badRetryAfter = new AtomicInteger();
        /** The first answer of each unexpected status, to say what went wrong. */
        final Map<Integer, String> unexpected = new ConcurrentHashMap<>();
        final Thread thread;

        Reader(String path) {
            thread = new Thread(() -> {
                while (running.get()) {
                    Reply reply = call("GET", path, AGENT, null);
                    byStatus.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
                    if (reply.status() != 200 && reply.status() != 503) {
                        unexpected.putIfAbsent(reply.status(), reply.contentType() + " " + reply.body());
                    }
                    if (reply.status() == 503 && (!reply.isProblem() || reply.retryAfter() == null)) {
                        badRetryAfter.incrementAndGet();
                    }
                }
            }, "availability-reader");
            thread.start();
        }

        int count(int status) {
            AtomicInteger n = byStatus.get(status);
            return n == null ? 0 : n.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }

    private String existingCustomer() {
        return call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "可用性测试"))).json().get("id").asText();
    }

    @Test
    public void aStoppedModuleIsUnavailableNotMissing() throws Exception {
        String path = "/api/v1/customers/" + existingCustomer();
        Bundle customers = bundle("calmdesk-customer");
        customers.stop();
        try {
            Reply stopped = call("GET", path, AGENT, null);
            assertEquals(stopped.toString(), 503, stopped.status());
            assertTrue(stopped.isProblem());
            assertEquals(503, stopped.json().get("status").asInt());
            assertEquals("customer", stopped.json().get("module").asText());
            assertEquals("POST while stopped", 503, call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "x"))).status());
            assertEquals("an unknown path stays a 404", 404, call("GET", "/api/v1/no-such-module", AGENT, null).status());

            JsonNode health = call("GET", "/api/v1/health", null, null).json();
            assertEquals("DEGRADED", health.get("status").asText());
            assertTrue(health.toString(), health.toString().contains("\"serving\":false"));
            Reply ready = call("GET", "/api/v1/health/ready", null, null);
            assertEquals(503, ready.status());
            assertTrue(ready.isProblem());
            assertEquals(200, call("GET", "/api/v1/health/live", null, null).status());
        } finally {
            customers.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", path, AGENT, null).status() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/v1/health/ready", null, null).status() == 200);
        assertEquals("UP", call("GET", "/api/v1/health", null, null).json().get("status").asText());
        assertEquals("UP", call("GET", "/api/v1/health", null, null).json().get("database").get("status").asText());
    }

    @Test
    public void updatesAndRefreshesNeverAnswerNotFoundForExistingData() throws Exception {
        String customerPath = "/api/v1/customers/" + existingCustomer();
        String ticketId = call("POST", "/api/v1/tickets", AGENT, json(Map.of("customerId", customerPath.substring(customerPath.lastIndexOf('/') + 1),
                "channel", "PHONE", "category", "OTHER", "subject", "可用性"))).json().get("id").asText();
        try (Reader customers = new Reader(customerPath); Reader tickets = new Reader("/api/v1/tickets/" + ticketId)) {
            executeCommand("bundle:update calmdesk-customer");
            await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", customerPath, AGENT, null).status() == 200);
            executeCommand("bundle:restart calmdesk-ticket");
            await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/v1/tickets/" + ticketId, AGENT, null).status() == 200);
            executeCommand("bundle:refresh calmdesk-customer");
            await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", customerPath, AGENT, null).status() == 200);
            Thread.sleep(500);
            customers.close();
            tickets.close();
            String seen = "customers " + customers.byStatus + customers.unexpected + ", tickets " + tickets.byStatus
                    + tickets.unexpected;
            System.out.println("AvailabilityCases update/restart/refresh, reads by status: " + seen);
            if (!customers.unexpected.isEmpty() || !tickets.unexpected.isEmpty()) {
                printLogTail();
            }
            assertEquals(seen, 0, customers.count(404) + tickets.count(404));
            assertEquals(seen, 0, customers.count(500) + tickets.count(500));
            assertEquals(seen, 0, customers.badRetryAfter.get() + tickets.badRetryAfter.get());
            assertTrue(seen, customers.count(200) > 0 && tickets.count(200) > 0);
            for (Map<Integer, AtomicInteger> counts : java.util.List.of(customers.byStatus, tickets.byStatus)) {
                assertFalse(seen, counts.keySet().stream().anyMatch(s -> s != 200 && s != 503));
            }
        }
    }

    @Test
    public void theRestPlatformRestartingIsA503Too() throws Exception {
        String path = "/api/v1/customers/" + existingCustomer();
        Bundle platform = bundle("calmdesk-rest");
        try (Reader reader = new Reader(path)) {
            platform.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.count(503) > 0);
            Reply down = call("GET", path, AGENT, null);
            assertEquals(down.toString(), 503, down.status());
            assertTrue(down.toString(), down.isProblem());
            platform.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> call("GET", path, AGENT, null).status() == 200);
            reader.close();
            System.out.println("AvailabilityCases platform restart, reads by status: " + reader.byStatus);
            if (!reader.unexpected.isEmpty()) {
                printLogTail();
            }
            assertFalse(reader.byStatus.toString() + reader.unexpected, reader.byStatus.keySet().stream().anyMatch(s -> s != 200 && s != 503));
        } finally {
            if (platform.getState() != Bundle.ACTIVE) {
                platform.start();
            }
        }
    }

    /** Issue 18: before a module changes on one node of several, the admin takes it out of the balancer's rotation. */
    @Test
    public void aDrainedNodeIsNotReadyButStillServes() throws Exception {
        String path = "/api/v1/customers/" + existingCustomer();
        try {
            assertTrue(executeCommand("calmdesk:drain").contains("Draining"));
            Reply ready = call("GET", "/api/v1/health/ready", null, null);
            assertEquals(503, ready.status());
            assertTrue(ready.toString(), ready.isProblem());
            JsonNode health = call("GET", "/api/v1/health", null, null).json();
            assertEquals("DEGRADED", health.get("status").asText());
            assertTrue(health.toString(), health.get("reason").asText().startsWith("draining since"));
            assertEquals("requests in flight and stragglers are still served", 200, call("GET", path, AGENT, null).status());
            assertEquals(201, call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "排空中"))).status());
        } finally {
            assertTrue(executeCommand("calmdesk:drain --off").contains("Back in rotation"));
        }
        assertEquals(200, call("GET", "/api/v1/health/ready", null, null).status());
        assertEquals("UP", call("GET", "/api/v1/health", null, null).json().get("status").asText());
    }

    @Test
    public void theWebServersOwnErrorsAreProblems() {
        // Rejected by Jetty's parser before any servlet: problem+json, never its HTML page.
        Reply ambiguous = call("GET", "/api/v1/..;/health", null, null);
        assertEquals(400, ambiguous.status());
        assertTrue(ambiguous.toString(), ambiguous.isProblem());
        assertEquals(400, ambiguous.json().get("status").asInt());
        Reply tooLong = call("GET", "/api/v1/health?x=" + "a".repeat(20_000), null, null);
        assertEquals(414, tooLong.status());
        assertTrue(tooLong.toString(), tooLong.isProblem());
    }
}
