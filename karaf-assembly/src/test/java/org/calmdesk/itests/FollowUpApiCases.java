package org.calmdesk.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.calmdesk.followup.api.FollowUpEvents;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import com.fasterxml.jackson.databind.JsonNode;

/** The follow-up REST contract (API.md "Follow-ups") and its round trip with tickets on the real distribution. */
@RunWith(PaxExam.class)
public class FollowUpApiCases extends SharedContainerCases {

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Before
    public void waitForModules() {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                call("GET", "/api/v1/followups", null, null).status() == 401 && call("GET", "/api/v1/tickets", null, null).status() == 401);
    }

    private String customer(String name) {
        Reply reply = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", name, "language", "zh")));
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json().get("id").asText();
    }

    private String resolvedTicket(String customerId, String assignee) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("customerId", customerId, "channel", "PHONE", "category", "PRODUCT_QUALITY",
                "subject", "手机屏幕闪烁", "emotion", Map.of("label", "DISAPPOINTMENT", "intensity", 0.6)));
        body.put("assignee", assignee);
        String id = call("POST", "/api/v1/tickets", AGENT, json(body)).json().get("id").asText();
        for (String to : List.of("ACKNOWLEDGED", "INVESTIGATING", "SOLUTION_PROPOSED")) {
            assertEquals(200, call("POST", "/api/v1/tickets/" + id + "/transitions", AGENT, json(Map.of("to", to))).status());
        }
        resolve(id, "更换新机");
        return id;
    }

    private void resolve(String ticketId, String summary) {
        Reply resolved = call("POST", "/api/v1/tickets/" + ticketId + "/transitions", AGENT, json(Map.of("to", "RESOLVED",
                "resolution", Map.of("summary", summary), "commitment",
                Map.of("text", "三天后回访", "followUpAt", Instant.now().plus(Duration.ofDays(3)).toString()))));
        assertEquals(resolved.toString(), 200, resolved.status());
    }

    private JsonNode followUpsOfTicket(String ticketId) {
        return call("GET", "/api/v1/followups?ticketId=" + ticketId, AGENT, null).json().get("items");
    }

    private String ticketStatus(String ticketId) {
        return call("GET", "/api/v1/tickets/" + ticketId, AGENT, null).json().get("status").asText();
    }

    @Test
    public void resolveThenFollowUpThenCloseOrReopen() {
        String customerId = customer("王芳");
        String satisfiedTicket = resolvedTicket(customerId, "li.na");
        await().atMost(Duration.ofSeconds(10)).until(() -> followUpsOfTicket(satisfiedTicket).size() == 1);
        JsonNode f = followUpsOfTicket(satisfiedTicket).get(0);
        assertEquals("PENDING", f.get("status").asText());
        assertEquals("li.na", f.get("assignee").asText());
        assertEquals("PHONE", f.get("channel").asText());
        assertTrue(f.get("purpose").asText(), f.get("purpose").asText().endsWith("三天后回访"));
        Reply done = call("POST", "/api/v1/followups/" + f.get("id").asText() + "/complete", AGENT,
                json(Map.of("summary", "客户确认问题解决", "customerSatisfied", true)));
        assertEquals(done.toString(), 200, done.status());
        await().atMost(Duration.ofSeconds(10)).until(() -> "CLOSED".equals(ticketStatus(satisfiedTicket)));

        String unhappyTicket = resolvedTicket(customerId, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> followUpsOfTicket(unhappyTicket).size() == 1);
        String first = followUpsOfTicket(unhappyTicket).get(0).get("id").asText();
        assertEquals(200, call("POST", "/api/v1/followups/" + first + "/complete", AGENT,
                json(Map.of("summary", "还是闪屏", "customerSatisfied", false))).status());
        await().atMost(Duration.ofSeconds(10)).until(() -> "REOPENED".equals(ticketStatus(unhappyTicket)));
        for (String to : List.of("INVESTIGATING", "SOLUTION_PROPOSED")) {
            assertEquals(200, call("POST", "/api/v1/tickets/" + unhappyTicket + "/transitions", AGENT, json(Map.of("to", to))).status());
        }
        resolve(unhappyTicket, "退款");
        await().atMost(Duration.ofSeconds(10)).until(() -> followUpsOfTicket(unhappyTicket).size() == 2);
        List<String> statuses = new ArrayList<>();
        followUpsOfTicket(unhappyTicket).forEach(x -> statuses.add(x.get("status").asText()));
        assertTrue(statuses.toString(), statuses.contains("DONE") && statuses.contains("PENDING"));

        String reopenedTicket = resolvedTicket(customerId, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> followUpsOfTicket(reopenedTicket).size() == 1);
        assertEquals(200, call("POST", "/api/v1/tickets/" + reopenedTicket + "/transitions", AGENT, json(Map.of("to", "REOPENED"))).status());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "CANCELLED".equals(followUpsOfTicket(reopenedTicket).get(0).get("status").asText()));

        JsonNode timeline = call("GET", "/api/v1/customers/" + customerId + "/timeline", AGENT, null).json().get("items");
        assertTrue(timeline.toString(), timeline.toString().contains("FOLLOWUP_DONE"));
        assertTrue(timeline.toString(), timeline.toString().contains("客户确认问题解决"));
    }

    @Test
    public void manualFollowUpsWithTheRightConflictsRolesAndProblems() throws Exception {
        String customerId = customer("李雷");
        Map<String, Object> draft = new LinkedHashMap<>(Map.of("customerId", customerId,
                "dueAt", Instant.now().plus(Duration.ofDays(1)).toString(), "channel", "SMS", "purpose", "定期回访", "assignee", "wang",
                "recurrence", "P30D"));
        assertEquals("API.md: an integration opens tickets and upserts customers, it does not schedule follow-ups", 403,
                call("POST", "/api/v1/followups", INTEGRATION, json(draft)).status());
        Reply created = call("POST", "/api/v1/followups", AGENT, json(draft));
        assertEquals(created.toString(), 201, created.status());
        assertEquals("\"1\"", created.etag());
        String id = created.json().get("id").asText();
        assertTrue(created.location().endsWith("/api/v1/followups/" + id));
        Instant planned = Instant.parse(created.json().get("dueAt").asText());

        assertEquals(403, call("POST", "/api/v1/followups/" + id + "/complete", INTEGRATION,
                json(Map.of("summary", "x", "customerSatisfied", true))).status());
        assertEquals(401, call("GET", "/api/v1/followups/" + id, null, null).status());
        assertEquals(400, call("POST", "/api/v1/followups", AGENT, json(Map.of("customerId", customerId))).status());
        Reply badRecurrence = call("POST", "/api/v1/followups", AGENT, json(Map.of("customerId", customerId,
                "dueAt", Instant.now().plusSeconds(60).toString(), "channel", "SMS", "purpose", "x", "recurrence", "PT1H")));
        assertEquals(400, badRecurrence.status());
        assertEquals("recurrence", badRecurrence.json().get("errors").get(0).get("field").asText());
        assertEquals(400, call("POST", "/api/v1/followups", AGENT, json(Map.of("customerId", "nobody",
                "dueAt", Instant.now().plusSeconds(60).toString(), "channel", "SMS", "purpose", "x"))).status());
        assertEquals(400, call("GET", "/api/v1/followups?status=LATE", AGENT, null).status());
        assertEquals(400, call("GET", "/api/v1/followups?dueBefore=tomorrow", AGENT, null).status());
        assertEquals(404, call("GET", "/api/v1/followups/nope", AGENT, null).status());

        String shown = executeCommand("calmdesk:followup-due --assignee wang");
        assertContains(shown, id);
        assertContains(executeCommand("calmdesk:followup-complete --satisfied --summary \"客户满意\" " + id), "DONE");
        JsonNode next = call("GET", "/api/v1/followups?customerId=" + customerId + "&status=PENDING", AGENT, null).json().get("items");
        assertEquals(1, next.size());
        assertEquals(planned.plus(Duration.ofDays(30)), Instant.parse(next.get(0).get("dueAt").asText()));
        String nextId = next.get(0).get("id").asText();

        Reply again = call("POST", "/api/v1/followups/" + id + "/complete", AGENT, json(Map.of("summary", "x", "customerSatisfied", true)));
        assertEquals(409, again.status());
        assertTrue(again.isProblem());
        assertEquals(409, call("POST", "/api/v1/followups/" + id + "/reschedule", AGENT,
                json(Map.of("dueAt", Instant.now().plus(Duration.ofDays(2)).toString()))).status());
        Reply moved = call("POST", "/api/v1/followups/" + nextId + "/reschedule", AGENT,
                json(Map.of("dueAt", Instant.now().plus(Duration.ofDays(2)).toString())));
        assertEquals(moved.toString(), 200, moved.status());
        assertEquals(400, call("POST", "/api/v1/followups/" + nextId + "/reschedule", AGENT, json(Map.of())).status());
        assertEquals(200, call("POST", "/api/v1/followups/" + nextId + "/cancel", AGENT, null).status());
        assertEquals(409, call("POST", "/api/v1/followups/" + nextId + "/complete", AGENT,
                json(Map.of("summary", "x", "customerSatisfied", true))).status());
        assertEquals("cancelling stopped the series", 0, call("GET", "/api/v1/followups?customerId=" + customerId
                + "&status=PENDING", AGENT, null).json().get("items").size());

        JsonNode stats = call("GET", "/api/v1/followups/stats?from=" + Instant.now().minus(Duration.ofDays(1)) + "&to="
                + Instant.now().plus(Duration.ofDays(60)), AGENT, null).json();
        assertTrue(stats.toString(), stats.get("total").get("cancelled").asLong() >= 1);
        assertTrue(stats.toString(), stats.get("byAssignee").toString().contains("\"wang\""));
    }

    @Test
    public void pendingPastDueBecomesOverdueByItselfWithASecondsLongInterval() throws Exception {
        List<Event> seen = new CopyOnWriteArrayList<>();
        ServiceRegistration<EventHandler> listener = bundleContext.registerService(EventHandler.class, seen::add,
                new Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, new String[] { FollowUpEvents.OVERDUE, FollowUpEvents.REMINDER })));
        Configuration config = configAdmin.getConfiguration("calmdesk.followup", null);
        Dictionary<String, Object> original = config.getProperties();
        try {
            Dictionary<String, Object> changed = new Hashtable<>();
            for (String key : java.util.Collections.list(original.keys())) {
                changed.put(key, original.get(key));
            }
            changed.put("checkIntervalSeconds", "1");
            config.update(changed);
            String customerId = customer("Overdue Customer");
            String id = call("POST", "/api/v1/followups", AGENT, json(Map.of("customerId", customerId,
                    "dueAt", Instant.now().plusSeconds(3).toString(), "channel", "PHONE", "purpose", "call back"))).json()
                    .get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "OVERDUE".equals(call("GET", "/api/v1/followups/" + id, AGENT, null).json().get("status").asText()));
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream()
                    .filter(e -> id.equals(e.getProperty(FollowUpEvents.FOLLOW_UP_ID))).count() == 2);
            assertEquals(1, seen.stream().filter(e -> e.getTopic().equals(FollowUpEvents.OVERDUE)
                    && id.equals(e.getProperty(FollowUpEvents.FOLLOW_UP_ID))).count());
            assertEquals(1, seen.stream().filter(e -> e.getTopic().equals(FollowUpEvents.REMINDER)
                    && id.equals(e.getProperty(FollowUpEvents.FOLLOW_UP_ID))).count());
            assertContains(executeCommand("calmdesk:followup-due --overdue"), id);
        } finally {
            config.update(original);
            listener.unregister();
        }
    }

    @Test
    public void erasingACustomerRedactsTheirTicketsAndCancelsTheirFollowUps() {
        String customerId = customer("王建国");
        String ticketId = resolvedTicket(customerId, "wang");
        await().atMost(Duration.ofSeconds(20)).until(() -> followUpsOfTicket(ticketId).size() == 1);
        String followUpId = followUpsOfTicket(ticketId).get(0).get("id").asText();

        assertEquals(204, call("DELETE", "/api/v1/customers/" + customerId, ADMIN, null).status());

        // The modules hear of the erasure by event, so their part follows within moments.
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "(erased)".equals(call("GET", "/api/v1/tickets/" + ticketId, AGENT, null).json().get("subject").asText()));
        JsonNode ticket = call("GET", "/api/v1/tickets/" + ticketId, AGENT, null).json();
        assertEquals("(erased)", ticket.get("resolution").get("summary").asText());
        assertEquals("RESOLVED", ticket.get("status").asText());
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "CANCELLED".equals(call("GET", "/api/v1/followups/" + followUpId, AGENT, null).json().get("status").asText()));
        assertEquals("(erased)", call("GET", "/api/v1/followups/" + followUpId, AGENT, null).json().get("purpose").asText());
    }
}
