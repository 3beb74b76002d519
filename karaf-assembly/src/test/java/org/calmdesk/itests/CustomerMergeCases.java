package org.calmdesk.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
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
 * Issue 19: merging duplicate customers across the installed modules (customer, ticket, follow-up)
 * and finding the duplicates to merge.
 */
@RunWith(PaxExam.class)
public class CustomerMergeCases extends SharedContainerCases {

    private static String customer(Map<String, Object> body) {
        Reply reply = call("POST", "/api/v1/customers", AGENT, json(body));
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json().get("id").asText();
    }

    private static String ticket(String customerId, String subject) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("channel", "PHONE");
        body.put("category", "BILLING");
        body.put("subject", subject);
        body.put("description", "重复扣费");
        Reply reply = call("POST", "/api/v1/tickets", AGENT, json(body));
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json().get("id").asText();
    }

    private static String followUp(String customerId, String purpose) {
        Reply reply = call("POST", "/api/v1/followups", AGENT, json(Map.of("customerId", customerId,
                "dueAt", Instant.now().plus(Duration.ofDays(1)).toString(), "channel", "PHONE", "purpose", purpose)));
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json().get("id").asText();
    }

    private static void interaction(String customerId, String summary) {
        Reply reply = call("POST", "/api/v1/customers/" + customerId + "/interactions", AGENT,
                json(Map.of("channel", "PHONE", "direction", "INBOUND", "summary", summary)));
        assertEquals(reply.toString(), 201, reply.status());
    }

    private static List<String> ids(JsonNode items, String field) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get(field).asText()));
        return ids;
    }

    private static Reply merge(String target, String source, String user) {
        return call("POST", "/api/v1/customers/" + target + "/merge", user, json(Map.of("sourceId", source)));
    }

    private static long mergedEvents(String target) {
        JsonNode events = call("GET", "/api/v1/events?topic=calmdesk%2Fcustomer%2FMERGED&limit=100", ADMIN, null).json().get("items");
        long count = 0;
        for (JsonNode event : events) {
            if (event.toString().contains(target)) {
                count++;
            }
        }
        return count;
    }

    @Test
    public void mergingMovesEveryModulesRecordsAndLeavesATombstone() throws Exception {
        String targetRef = unique("merge-t");
        String sourceRef = unique("merge-s");
        String target = customer(Map.of("name", "王芳", "phone", "138 0013 8000", "externalRef", targetRef));
        String source = customer(Map.of("name", "王 芳", "phone", "+86 138-0013-8000", "externalRef", sourceRef));
        String targetTicket = ticket(target, "第一次投诉");
        String sourceTicket = ticket(source, "换了号码再投诉");
        String targetFollowUp = followUp(target, "回访一");
        String sourceFollowUp = followUp(source, "回访二");
        interaction(target, "电话一");
        interaction(source, "电话二");

        assertEquals("an integration syncs, it does not merge", 403, merge(target, source, INTEGRATION).status());
        Reply merged = merge(target, source, AGENT);
        assertEquals(merged.toString(), 200, merged.status());
        assertEquals(target, merged.json().get("id").asText());

        // The source: a tombstone pointing at the target, left out of lists.
        JsonNode tombstone = call("GET", "/api/v1/customers/" + source, AGENT, null).json();
        assertEquals(target, tombstone.get("mergedInto").asText());
        assertTrue(call("GET", "/api/v1/customers/" + target, AGENT, null).json().get("mergedInto").isNull());
        List<String> listed = ids(call("GET", "/api/v1/customers?q=" + java.net.URLEncoder.encode("芳", "UTF-8") + "&limit=200",
                AGENT, null).json().get("items"), "id");
        assertTrue(listed.contains(target));
        assertFalse("lists leave the merged customer out", listed.contains(source));

        // The customer module's own records moved at once; the other modules' through the event.
        assertEquals(2, call("GET", "/api/v1/customers/" + target + "/interactions", AGENT, null).json().get("items").size());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertEquals(List.of(sourceTicket, targetTicket).stream().sorted().toList(), ids(call("GET",
                    "/api/v1/tickets?customerId=" + target, AGENT, null).json().get("items"), "id").stream().sorted().toList());
            assertEquals(List.of(sourceFollowUp, targetFollowUp).stream().sorted().toList(), ids(call("GET",
                    "/api/v1/followups?customerId=" + target, AGENT, null).json().get("items"), "id").stream().sorted().toList());
        });
        assertEquals(0, call("GET", "/api/v1/tickets?customerId=" + source, AGENT, null).json().get("items").size());
        assertEquals(target, call("GET", "/api/v1/tickets/" + sourceTicket, AGENT, null).json().get("customerId").asText());
        List<String> timeline = ids(call("GET", "/api/v1/customers/" + target + "/timeline", AGENT, null).json().get("items"), "refId");
        for (String record : List.of(targetTicket, sourceTicket, targetFollowUp, sourceFollowUp)) {
            assertTrue("the target's timeline shows " + record + ": " + timeline, timeline.contains(record));
        }
        String timelineText = call("GET", "/api/v1/customers/" + target + "/timeline", AGENT, null).body();
        assertContains(timelineText, "电话二");

        // The CRM's next sync by the source's ref reaches the target instead of recreating the duplicate.
        Reply upsert = call("PUT", "/api/v1/customers/external/" + sourceRef, INTEGRATION,
                json(Map.of("name", "王芳", "email", "wang.fang@example.cn")));
        assertEquals(upsert.toString(), 200, upsert.status());
        assertEquals(target, upsert.json().get("id").asText());
        assertEquals(targetRef, upsert.json().get("externalRef").asText());

        // Idempotent: the same merge again answers the target and posts no second event.
        await().atMost(Duration.ofSeconds(10)).until(() -> mergedEvents(target) == 1);
        Reply again = merge(target, source, ADMIN);
        assertEquals(again.toString(), 200, again.status());
        assertEquals(target, again.json().get("id").asText());
        assertEquals(1, mergedEvents(target));

        // The console shows the tombstone.
        assertContains(executeCommand("calmdesk:customer-show " + source), target);
    }

    @Test
    public void badMergesAreClearProblems() throws Exception {
        String target = customer(Map.of("name", "Li Lei"));
        String erased = customer(Map.of("name", "Han Meimei"));
        assertEquals(204, call("DELETE", "/api/v1/customers/" + erased, ADMIN, null).status());

        Reply self = merge(target, target, AGENT);
        assertEquals(self.toString(), 400, self.status());
        assertTrue(self.toString(), self.isProblem());
        assertEquals(400, self.json().get("status").asInt());

        Reply erasedSource = merge(target, erased, AGENT);
        assertEquals(erasedSource.toString(), 409, erasedSource.status());
        assertTrue(erasedSource.isProblem());
        assertEquals(409, erasedSource.json().get("status").asInt());
        Reply erasedTarget = merge(erased, target, AGENT);
        assertEquals(erasedTarget.toString(), 409, erasedTarget.status());

        Reply noSource = call("POST", "/api/v1/customers/" + target + "/merge", AGENT, "{}");
        assertEquals(noSource.toString(), 400, noSource.status());
        assertEquals(404, merge(target, "no-such-customer", AGENT).status());

        // Into a merged customer: 409, naming where it went.
        String merged = customer(Map.of("name", "Li Lei 2"));
        assertEquals(200, merge(target, merged, AGENT).status());
        String third = customer(Map.of("name", "Li Lei 3"));
        Reply intoMerged = merge(merged, third, AGENT);
        assertEquals(intoMerged.toString(), 409, intoMerged.status());
        assertEquals(target, intoMerged.json().get("mergedInto").asText());
        assertTrue(call("GET", "/api/v1/customers/" + third, AGENT, null).json().get("mergedInto").isNull());
        assertContains(executeCommand("calmdesk:customer-merge " + target + " " + target), "Not merged");
        Reply ticketForMerged = call("POST", "/api/v1/tickets", AGENT, json(Map.of("customerId", merged, "channel", "PHONE",
                "category", "BILLING", "subject", "x", "description", "y")));
        assertEquals(ticketForMerged.toString(), 400, ticketForMerged.status());
        assertContains(ticketForMerged.body(), "merged into");
    }

    @Test
    public void duplicatesRankTheObviousOneFirstWithReasons() throws Exception {
        String email = unique("zhang.wei") + "@example.cn";
        String phone = "139" + String.format("%08d", Math.floorMod(email.hashCode(), 100_000_000));
        String me = customer(Map.of("name", "张伟", "email", email, "phone", phone));
        String obvious = customer(Map.of("name", "张 伟", "email", email.toUpperCase().replace("@", "+vip@"),
                "phone", "+86 " + phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7)));
        String samePhone = customer(Map.of("name", "Zhang W.", "phone", "0086" + phone));
        String unrelated = customer(Map.of("name", "李娜", "phone", "13700000001"));

        Reply reply = call("GET", "/api/v1/customers/" + me + "/duplicates", AGENT, null);
        assertEquals(reply.toString(), 200, reply.status());
        JsonNode items = reply.json().get("items");
        assertEquals(items.toString(), obvious, items.get(0).get("customer").get("id").asText());
        assertEquals(1.0, items.get(0).get("score").asDouble(), 0.0001);
        assertEquals(List.of("same-phone", "same-email", "same-name"), ids(items.get(0).get("reasons")));
        assertEquals(samePhone, items.get(1).get("customer").get("id").asText());
        assertEquals(List.of("same-phone"), ids(items.get(1).get("reasons")));
        List<String> found = new ArrayList<>();
        items.forEach(i -> found.add(i.get("customer").get("id").asText()));
        assertFalse(found.contains(me));
        assertFalse(found.contains(unrelated));

        // Written down by ear with another character of the same sound: found by its pinyin.
        String homophone = customer(Map.of("name", "章伟"));
        JsonNode byPinyin = call("GET", "/api/v1/customers/" + homophone + "/duplicates?limit=50", AGENT, null).json().get("items");
        JsonNode meByPinyin = null;
        for (JsonNode item : byPinyin) {
            if (item.get("customer").get("id").asText().equals(me)) {
                meByPinyin = item;
            }
        }
        assertNotNull(byPinyin.toString(), meByPinyin);
        assertEquals(List.of("same-pinyin"), ids(meByPinyin.get("reasons")));

        assertEquals(404, call("GET", "/api/v1/customers/no-such-customer/duplicates", AGENT, null).status());
        assertEquals(400, call("GET", "/api/v1/customers/" + me + "/duplicates?limit=0", AGENT, null).status());
        assertEquals(200, call("GET", "/api/v1/customers/" + me + "/duplicates", INTEGRATION, null).status());

        String console = executeCommand("calmdesk:customer-duplicates " + me);
        assertContains(console, obvious);
        assertContains(console, "same-phone,same-email,same-name");
        assertContains(executeCommand("calmdesk:customer-merge " + me + " " + obvious), "merged into " + me);
        assertEquals(me, call("GET", "/api/v1/customers/" + obvious, AGENT, null).json().get("mergedInto").asText());
    }

    /** A module that is down during a merge applies it from the event log when it comes back. */
    @Test
    public void aModuleStoppedDuringTheMergeCatchesUp() throws Exception {
        String target = customer(Map.of("name", "Catch Up"));
        String source = customer(Map.of("name", "Catch Up"));
        String sourceFollowUp = followUp(source, "回访");
        org.osgi.framework.Bundle followups = bundle("calmdesk-followup");
        followups.stop();
        try {
            assertEquals(200, merge(target, source, AGENT).status());
        } finally {
            followups.start();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() ->
                assertEquals(List.of(sourceFollowUp), ids(call("GET", "/api/v1/followups?customerId=" + target, AGENT, null)
                        .json().get("items"), "id")));
        assertEquals(target, call("GET", "/api/v1/followups/" + sourceFollowUp, AGENT, null).json().get("customerId").asText());
    }

    private static List<String> ids(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
