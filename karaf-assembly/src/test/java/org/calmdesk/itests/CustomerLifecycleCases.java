package org.calmdesk.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;

/** Hot swap: the customer module's endpoints go and come back with its bundle; the rest keeps answering. */
@RunWith(PaxExam.class)
public class CustomerLifecycleCases extends SharedContainerCases {

    @Test
    public void stoppingAndStartingTheCustomerBundleTouchesOnlyItsPaths() throws Exception {
        String id = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "Survivor", "externalRef", unique("s"))))
                .json().get("id").asText();

        AtomicBoolean polling = new AtomicBoolean(true);
        AtomicInteger healthCalls = new AtomicInteger();
        AtomicInteger healthFailures = new AtomicInteger();
        Thread healthPoller = new Thread(() -> {
            while (polling.get()) {
                Reply health = call("GET", "/api/v1/health", null, null);
                healthCalls.incrementAndGet();
                if (health.status() != 200) {
                    healthFailures.incrementAndGet();
                }
            }
        });
        healthPoller.start();
        try {
            Bundle customer = bundle("calmdesk-customer");
            long before = customer.getBundleId();
            customer.stop();
            Reply gone = call("GET", "/api/v1/customers/" + id, AGENT, null);
            assertEquals("stopped, not gone: the customer exists (issue 13)", 503, gone.status());
            assertTrue(gone.toString(), gone.isProblem());
            assertEquals("RESOLVED", call("GET", "/api/v1/health", null, null).json().get("modules").get(0).get("state").asText());
            assertEquals("DEGRADED", call("GET", "/api/v1/health", null, null).json().get("status").asText());

            customer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/v1/customers/" + id, AGENT, null).status() == 200);
            assertEquals("Survivor", call("GET", "/api/v1/customers/" + id, AGENT, null).json().get("name").asText());
            // Health is UP once every module serves again; modules that use customers re-publish a moment later.
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(call("GET", "/api/v1/health", null, null).json().get("status").asText()));
            assertEquals(before, bundle("calmdesk-customer").getBundleId());
            assertEquals(Bundle.ACTIVE, bundle("calmdesk-rest").getState());
        } finally {
            polling.set(false);
            healthPoller.join();
        }
        assertTrue("health was polled", healthCalls.get() > 0);
        assertEquals("health answered 200 throughout", 0, healthFailures.get());
    }
}
