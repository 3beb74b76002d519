package org.calmdesk.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/** Follow-ups without the ticket module: manual follow-ups only, the module untouched by the ticket module leaving and coming back. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FollowUpWithoutTicketsIT extends CalmdeskTestSupport {

    @Test
    public void manualFollowUpsWorkWhileTheTicketModuleIsUninstalled() throws Exception {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> call("GET", "/api/v1/followups", null, null).status() == 401);
        Bundle followup = bundle("calmdesk-followup");
        long followupId = followup.getBundleId();
        long lastModified = followup.getLastModified();

        executeCommand("feature:uninstall calmdesk-ticket");
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/v1/tickets", AGENT, null).status() == 404);
        assertTrue(call("GET", "/api/v1/tickets", AGENT, null).isProblem());

        String customerId = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "No Tickets"))).json().get("id").asText();
        Reply created = call("POST", "/api/v1/followups", AGENT, json(Map.of("customerId", customerId, "ticketId", "crm-case-77",
                "dueAt", Instant.now().plus(Duration.ofDays(1)).toString(), "channel", "EMAIL", "purpose", "Check the refund arrived")));
        assertEquals(created.toString(), 201, created.status());
        assertEquals("crm-case-77", created.json().get("ticketId").asText());
        String id = created.json().get("id").asText();
        assertEquals(200, call("POST", "/api/v1/followups/" + id + "/complete", AGENT,
                json(Map.of("summary", "Refund arrived", "customerSatisfied", true))).status());

        executeCommand("feature:install calmdesk-ticket");
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/v1/tickets", AGENT, null).status() == 200);
        assertEquals("the follow-up bundle was neither reinstalled nor refreshed", followupId, bundle("calmdesk-followup").getBundleId());
        assertEquals(lastModified, bundle("calmdesk-followup").getLastModified());
        assertEquals(Bundle.ACTIVE, bundle("calmdesk-followup").getState());
        assertEquals("DONE", call("GET", "/api/v1/followups/" + id, AGENT, null).json().get("status").asText());
    }
}
