package org.calmdesk.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 19, item 3: merging duplicate tickets (the source closed as merged into the target, its
 * follow-ups cancelled by the follow-up module through calmdesk/ticket/MERGED) and splitting one.
 */
@RunWith(PaxExam.class)
public class TicketMergeCases extends SharedContainerCases {

    private static String customer(String name) {
        Reply reply = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", name)));
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json().get("id").asText();
    }

    private static JsonNode ticket(String customerId, String subject) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("channel", "PHONE");
        body.put("category", "BILLING");
        body.put("subject", subject);
        body.put("description", "重复扣费两次");
        Reply reply = call("POST", "/api/v1/tickets", AGENT, json(body));
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json();
    }

    private static JsonNode get(String ticketId) {
        Reply reply = call("GET", "/api/v1/tickets/" + ticketId, AGENT, null);
        assertEquals(reply.toString(), 200, reply.status());
        return reply.json();
    }

    private static Reply merge(String target, String user, String... sources) {
        return call("POST", "/api/v1/tickets/" + target + "/merge", user, json(Map.of("sourceIds", List.of(sources))));
    }

    private static String comment(String ticketId, String body) {
        Reply reply = call("POST", "/api/v1/tickets/" + ticketId + "/comments", AGENT, json(Map.of("body", body, "internal", true)));
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json().get("id").asText();
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    private static long mergedEvents(String source) {
        JsonNode events = call("GET", "/api/v1/events?topic=calmdesk%2Fticket%2FMERGED&limit=100", ADMIN, null).json().get("items");
        long count = 0;
        for (JsonNode event : events) {
            if (event.toString().contains(source)) {
                count++;
            }
        }
        return count;
    }

    private static void move(String ticketId, Map<String, Object> body) {
        Reply reply = call("POST", "/api/v1/tickets/" + ticketId + "/transitions", AGENT, json(body));
        assertEquals(reply.toString(), 200, reply.status());
    }

    @Test
    public void mergingClosesTheSourceCancelsItsFollowUpAndShowsOnTheTarget() throws Exception {
        String customer = customer("赵敏");
        JsonNode target = ticket(customer, "第一次投诉：重复扣费");
        JsonNode source = ticket(customer, "换了号码再次投诉");
        String targetId = target.get("id").asText();
        String sourceId = source.get("id").asText();
        String sourceNumber = source.get("number").asText();
        String sourceComment = comment(sourceId, "客户第二次来电，情绪激动");
        Reply followUp = call("POST", "/api/v1/followups", AGENT, json(Map.of("customerId", customer, "ticketId", sourceId,
                "dueAt", Instant.now().plus(Duration.ofDays(1)).toString(), "channel", "PHONE", "purpose", "回访重复扣费")));
        assertEquals(followUp.toString(), 201, followUp.status());
        String followUpId = followUp.json().get("id").asText();

        assertEquals("an integration syncs, it does not merge", 403, merge(targetId, INTEGRATION, sourceId).status());
        Reply merged = merge(targetId, AGENT, sourceId);
        assertEquals(merged.toString(), 200, merged.status());
        assertEquals(targetId, merged.json().get("id").asText());
        assertTrue(merged.json().get("mergedInto").isNull());

        // The source: CLOSED as merged into the target, in its own GET, in lists and in its history.
        JsonNode closed = get(sourceId);
        assertEquals("CLOSED", closed.get("status").asText());
        assertEquals(targetId, closed.get("mergedInto").asText());
        JsonNode listed = call("GET", "/api/v1/tickets?customerId=" + customer + "&status=CLOSED", AGENT, null).json().get("items");
        assertEquals(List.of(sourceId), texts(listed, "id"));
        assertEquals(List.of(targetId), texts(listed, "mergedInto"));
        String sourceHistory = call("GET", "/api/v1/tickets/" + sourceId + "/history", AGENT, null).body();
        assertContains(sourceHistory, "merged into " + target.get("number").asText());

        // The target's history points at the source; the source's comments are read from the target.
        JsonNode targetHistory = call("GET", "/api/v1/tickets/" + targetId + "/history", AGENT, null).json().get("items");
        assertTrue(targetHistory.toString(), texts(targetHistory, "action").contains("MERGED_FROM"));
        assertTrue(targetHistory.toString(), texts(targetHistory, "to").contains(sourceNumber));
        assertContains(targetHistory.toString(), "merged from " + sourceNumber);
        JsonNode comments = call("GET", "/api/v1/tickets/" + targetId + "/comments", AGENT, null).json().get("items");
        assertEquals(List.of(sourceComment), texts(comments, "id"));
        assertEquals(List.of(sourceId), texts(comments, "ticketId"));

        // The follow-up module cancels the source's open follow-up from the event.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertEquals("CANCELLED",
                call("GET", "/api/v1/followups/" + followUpId, AGENT, null).json().get("status").asText()));

        // Idempotent: the same merge again answers the target and posts no second event.
        await().atMost(Duration.ofSeconds(10)).until(() -> mergedEvents(sourceId) == 1);
        Reply again = merge(targetId, AGENT, sourceId);
        assertEquals(again.toString(), 200, again.status());
        assertEquals(merged.json().get("version").asLong(), again.json().get("version").asLong());
        assertEquals(1, mergedEvents(sourceId));

        // A merged ticket stays closed.
        Reply reopen = call("POST", "/api/v1/tickets/" + sourceId + "/transitions", AGENT, json(Map.of("to", "REOPENED")));
        assertEquals(reopen.toString(), 409, reopen.status());
        assertEquals(targetId, reopen.json().get("mergedInto").asText());

        // The console shows the link.
        assertContains(executeCommand("calmdesk:ticket-show " + sourceNumber), "Merged into");
    }

    @Test
    public void badMergesAreClearProblemsThatChangeNothing() throws Exception {
        String customer = customer("周芷若");
        String target = ticket(customer, "主工单").get("id").asText();
        String open = ticket(customer, "重复的工单").get("id").asText();
        String done = ticket(customer, "已关闭的工单").get("id").asText();
        move(done, Map.of("to", "ACKNOWLEDGED"));
        move(done, Map.of("to", "INVESTIGATING"));
        move(done, Map.of("to", "SOLUTION_PROPOSED"));
        move(done, Map.of("to", "RESOLVED", "resolution", Map.of("summary", "已退款")));
        move(done, Map.of("to", "CLOSED"));
        String foreign = ticket(customer("殷离"), "别人的工单").get("id").asText();

        Reply self = merge(target, AGENT, target);
        assertEquals(self.toString(), 400, self.status());
        assertTrue(self.toString(), self.isProblem());
        assertEquals(400, self.json().get("status").asInt());
        for (String body : List.of("{}", "{\"sourceIds\":[]}", "{\"sourceIds\":null}")) {
            Reply empty = call("POST", "/api/v1/tickets/" + target + "/merge", AGENT, body);
            assertEquals(body + " -> " + empty, 400, empty.status());
            assertTrue(empty.isProblem());
        }

        Reply closedSource = merge(target, AGENT, open, done);
        assertEquals(closedSource.toString(), 409, closedSource.status());
        assertTrue(closedSource.isProblem());
        assertEquals(409, closedSource.json().get("status").asInt());
        assertEquals("CLOSED", closedSource.json().get("currentStatus").asText());
        assertEquals("nothing merged: the valid source stays open", "NEW", get(open).get("status").asText());
        Reply closedTarget = merge(done, AGENT, open);
        assertEquals(closedTarget.toString(), 409, closedTarget.status());
        assertEquals("CLOSED", closedTarget.json().get("currentStatus").asText());
        Reply otherCustomer = merge(target, AGENT, foreign);
        assertEquals(otherCustomer.toString(), 409, otherCustomer.status());
        assertEquals(409, otherCustomer.json().get("status").asInt());
        assertEquals(404, merge(target, AGENT, "no-such-ticket").status());
        assertTrue(get(open).get("mergedInto").isNull());
        assertTrue(get(foreign).get("mergedInto").isNull());

        assertContains(executeCommand("calmdesk:ticket-merge " + target + " " + target), "Not merged");
        assertContains(executeCommand("calmdesk:ticket-merge " + target + " " + open), "merged into");
        assertEquals(target, get(open).get("mergedInto").asText());
    }

    @Test
    public void splittingOpensALinkedTicketWithTheMovedComment() throws Exception {
        String customer = customer("张无忌");
        JsonNode original = ticket(customer, "扣费和快递两件事");
        String id = original.get("id").asText();
        move(id, Map.of("to", "ACKNOWLEDGED"));
        String stays = comment(id, "扣费已核实");
        String moves = comment(id, "快递丢件，客户要求另开工单");

        assertEquals(403, call("POST", "/api/v1/tickets/" + id + "/split", INTEGRATION,
                json(Map.of("subject", "快递丢件"))).status());
        Reply bad = call("POST", "/api/v1/tickets/" + id + "/split", AGENT,
                json(Map.of("subject", "快递丢件", "commentIds", List.of(moves, "no-such-comment"))));
        assertEquals(bad.toString(), 400, bad.status());
        assertTrue(bad.isProblem());
        Reply noSubject = call("POST", "/api/v1/tickets/" + id + "/split", AGENT, "{}");
        assertEquals(noSubject.toString(), 400, noSubject.status());
        assertEquals(2, call("GET", "/api/v1/tickets/" + id + "/comments", AGENT, null).json().get("items").size());

        Reply split = call("POST", "/api/v1/tickets/" + id + "/split", AGENT,
                json(Map.of("subject", "快递丢件", "description", "包裹一周未到", "commentIds", List.of(moves))));
        assertEquals(split.toString(), 201, split.status());
        JsonNode created = split.json();
        String createdId = created.get("id").asText();
        assertTrue(split.location(), split.location().endsWith(createdId));
        assertEquals(id, created.get("splitFrom").asText());
        assertEquals("NEW", created.get("status").asText());
        assertEquals(customer, created.get("customerId").asText());
        assertEquals("BILLING", created.get("category").asText());
        assertEquals("PHONE", created.get("channel").asText());
        assertTrue(created.get("sla").get("firstRespondedAt").isNull());
        assertEquals(id, get(createdId).get("splitFrom").asText());

        assertEquals(List.of(moves), texts(call("GET", "/api/v1/tickets/" + createdId + "/comments", AGENT, null).json()
                .get("items"), "id"));
        assertEquals(List.of(stays), texts(call("GET", "/api/v1/tickets/" + id + "/comments", AGENT, null).json()
                .get("items"), "id"));
        String number = created.get("number").asText();
        assertContains(call("GET", "/api/v1/tickets/" + id + "/history", AGENT, null).body(), "split into " + number);
        assertContains(call("GET", "/api/v1/tickets/" + createdId + "/history", AGENT, null).body(),
                "split from " + original.get("number").asText());
        assertEquals("the original works on", "ACKNOWLEDGED", get(id).get("status").asText());

        String console = executeCommand("calmdesk:ticket-split --subject Invoice " + original.get("number").asText());
        assertContains(console, "split off " + original.get("number").asText());
        assertFalse(console, console.contains("Not split"));
    }
}
