package org.calmdesk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;

import com.fasterxml.jackson.databind.JsonNode;

/** The customer REST contract (API.md "Customers") on the real distribution. */
@RunWith(PaxExam.class)
public class CustomerApiCases extends SharedContainerCases {

    private JsonNode create(String user, Map<String, Object> body) {
        Reply reply = call("POST", "/api/v1/customers", user, json(body));
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json();
    }

    @Test
    public void crudRoundTripWithEtagsAndLocation() {
        String ref = unique("crm");
        Reply created = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "王芳", "email", "wang@example.cn",
                "phone", "138 0013 8000", "externalRef", ref, "segment", "VIP", "tags", List.of("vip", "bank"),
                "temperament", "EMOTIONAL")));
        assertEquals(created.toString(), 201, created.status());
        JsonNode customer = created.json();
        String id = customer.get("id").asText();
        assertEquals("\"1\"", created.etag());
        assertTrue(created.location(), created.location().endsWith("/api/v1/customers/" + id));
        assertEquals("EMOTIONAL", customer.get("temperament").asText());
        assertEquals(0, customer.get("negativityScore").asInt());

        Reply read = call("GET", "/api/v1/customers/" + id, INTEGRATION, null);
        assertEquals(200, read.status());
        assertEquals("王芳", read.json().get("name").asText());
        assertEquals("\"1\"", read.etag());

        Reply updated = call("PUT", "/api/v1/customers/" + id, AGENT,
                json(Map.of("name", "王芳芳", "externalRef", ref, "tags", List.of("vip"))), "If-Match", "\"1\"");
        assertEquals(updated.toString(), 200, updated.status());
        assertEquals("\"2\"", updated.etag());
        assertEquals("UNKNOWN", updated.json().get("temperament").asText());

        Reply stale = call("PUT", "/api/v1/customers/" + id, AGENT, json(Map.of("name", "stale")), "If-Match", "\"1\"");
        assertEquals(412, stale.status());
        assertTrue(stale.isProblem());
        assertEquals("王芳芳", call("GET", "/api/v1/customers/" + id, AGENT, null).json().get("name").asText());

        Reply lastWriteWins = call("PUT", "/api/v1/customers/" + id, AGENT, json(Map.of("name", "王芳", "externalRef", ref)));
        assertEquals(200, lastWriteWins.status());
        assertEquals("\"3\"", lastWriteWins.etag());
    }

    @Test
    public void searchMatchesChineseSubstringsPhoneDigitsAndFilters() {
        String tag = unique("tag");
        String id = create(AGENT, Map.of("name", "张伟东", "phone", "+86 139-1234-5678", "tags", List.of(tag),
                "segment", "retail")).get("id").asText();
        create(AGENT, Map.of("name", "Someone Else", "tags", List.of(tag), "segment", "bank"));

        assertTrue(ids(call("GET", "/api/v1/customers?q=%E4%BC%9F%E4%B8%9C&limit=200", AGENT, null)).contains(id)); // 伟东
        assertTrue(ids(call("GET", "/api/v1/customers?q=13912345678", AGENT, null)).contains(id));
        Reply filtered = call("GET", "/api/v1/customers?tag=" + tag + "&segment=retail", AGENT, null);
        assertEquals(List.of(id), ids(filtered));
        assertEquals(2, ids(call("GET", "/api/v1/customers?tag=" + tag, AGENT, null)).size());
        Reply badTemperament = call("GET", "/api/v1/customers?temperament=HAPPY", AGENT, null);
        assertEquals(400, badTemperament.status());
        assertEquals("temperament", badTemperament.json().get("errors").get(0).get("field").asText());
    }

    @Test
    public void keysetPagingVisitsEveryCustomerOnceEvenWithConcurrentInserts() {
        String tag = unique("page");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            expected.add(create(AGENT, Map.of("name", "Page " + i, "tags", List.of(tag))).get("id").asText());
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = call("GET", "/api/v1/customers?limit=3&tag=" + tag + (cursor == null ? "" : "&cursor=" + cursor), AGENT, null);
            assertEquals(page.toString(), 200, page.status());
            for (String id : ids(page)) {
                assertTrue("seen twice: " + id, seen.add(id));
            }
            if (pages == 0) {
                // A customer created while paging sorts after the cursor and must not shift earlier pages.
                expected.add(create(AGENT, Map.of("name", "Late", "tags", List.of(tag))).get("id").asText());
            }
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asText();
            pages++;
        } while (cursor != null);
        assertEquals(expected, seen);
        assertEquals(3, pages);
        assertEquals(400, call("GET", "/api/v1/customers?cursor=garbage", AGENT, null).status());
        assertEquals(400, call("GET", "/api/v1/customers?limit=201", AGENT, null).status());
    }

    @Test
    public void upsertByExternalRefCreatesThenUpdatesAndNeverDuplicatesUnderConcurrency() throws Exception {
        String ref = unique("ext");
        Reply first = call("PUT", "/api/v1/customers/external/" + ref, INTEGRATION, json(Map.of("name", "Li Lei")));
        assertEquals(201, first.status());
        assertNotNull(first.location());
        Reply second = call("PUT", "/api/v1/customers/external/" + ref, INTEGRATION, json(Map.of("name", "Li Lei 2")));
        assertEquals(200, second.status());
        assertEquals(first.json().get("id"), second.json().get("id"));
        assertEquals("Li Lei 2", call("GET", "/api/v1/customers/external/" + ref, AGENT, null).json().get("name").asText());

        String raced = unique("race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                Callable<Reply> upsert = () -> call("PUT", "/api/v1/customers/external/" + raced, INTEGRATION,
                        json(Map.of("name", "Racer " + n)));
                replies.add(pool.submit(upsert));
            }
            Set<String> ids = new HashSet<>();
            int createdCount = 0;
            for (Future<Reply> reply : replies) {
                Reply r = reply.get();
                assertTrue(r.toString(), r.status() == 200 || r.status() == 201);
                createdCount += r.status() == 201 ? 1 : 0;
                ids.add(r.json().get("id").asText());
            }
            assertEquals("one customer for one externalRef", 1, ids.size());
            assertEquals(1, createdCount);
        } finally {
            pool.shutdownNow();
        }
        Reply duplicate = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "Dup", "externalRef", ref)));
        assertEquals(409, duplicate.status());
        assertEquals(first.json().get("id").asText(), duplicate.json().get("existingId").asText());
    }

    @Test
    public void interactionsAndTimeline() {
        String id = create(AGENT, Map.of("name", "Timeline Customer")).get("id").asText();
        Reply recorded = call("POST", "/api/v1/customers/" + id + "/interactions", AGENT, json(Map.of(
                "channel", "PHONE", "direction", "INBOUND", "summary", "客户来电：转账限额太低", "emotion", "ANGER",
                "occurredAt", "2026-01-05T09:00:00Z")));
        assertEquals(recorded.toString(), 201, recorded.status());
        assertEquals("agent", recorded.json().get("recordedBy").asText());
        assertEquals(200, call("GET", recorded.location().replaceFirst("^https?://[^/]+", ""), AGENT, null).status());
        call("POST", "/api/v1/customers/" + id + "/interactions", AGENT, json(Map.of(
                "channel", "EMAIL", "direction", "OUTBOUND", "summary", "Explained the limit and the alternatives")));

        JsonNode interactions = call("GET", "/api/v1/customers/" + id + "/interactions", AGENT, null).json().get("items");
        assertEquals(2, interactions.size());
        assertEquals("EMAIL", interactions.get(0).get("channel").asText()); // newest first

        JsonNode timeline = call("GET", "/api/v1/customers/" + id + "/timeline", AGENT, null).json().get("items");
        assertEquals(3, timeline.size());
        assertEquals("INTERACTION", timeline.get(0).get("kind").asText()); // 2026-01-05 is before the record's creation
        assertEquals("customer", timeline.get(0).get("module").asText());
        assertContains(timeline.get(0).get("summary").asText(), "转账限额");
        assertEquals("CUSTOMER_CREATED", timeline.get(1).get("kind").asText());

        Reply missing = call("POST", "/api/v1/customers/" + id + "/interactions", AGENT, json(Map.of("channel", "FAX",
                "direction", "INBOUND", "summary", "x")));
        assertEquals(400, missing.status());
        assertEquals("channel", missing.json().get("errors").get(0).get("field").asText());
        assertEquals(404, call("GET", "/api/v1/customers/nope/timeline", AGENT, null).status());
    }

    @Test
    public void eraseKeepsAnAnonymousTombstone() {
        String ref = unique("erase");
        String id = create(AGENT, Map.of("name", "To Be Erased", "email", "gone@example.com", "externalRef", ref)).get("id").asText();
        call("POST", "/api/v1/customers/" + id + "/interactions", AGENT,
                json(Map.of("channel", "CHAT", "direction", "INBOUND", "summary", "personal story")));

        assertEquals(403, call("DELETE", "/api/v1/customers/" + id, AGENT, null).status());
        assertEquals(204, call("DELETE", "/api/v1/customers/" + id, ADMIN, null).status());
        assertEquals(204, call("DELETE", "/api/v1/customers/" + id, ADMIN, null).status()); // idempotent

        JsonNode tombstone = call("GET", "/api/v1/customers/" + id, AGENT, null).json();
        assertTrue(tombstone.get("erased").asBoolean());
        assertTrue(tombstone.get("email").isNull());
        assertTrue(tombstone.get("externalRef").isNull());
        assertLacks(tombstone.get("name").asText(), "To Be Erased");
        assertEquals("(erased)", call("GET", "/api/v1/customers/" + id + "/interactions", AGENT, null)
                .json().get("items").get(0).get("summary").asText());
        assertFalse(ids(call("GET", "/api/v1/customers?q=To%20Be%20Erased", AGENT, null)).contains(id));
        assertEquals(404, call("GET", "/api/v1/customers/external/" + ref, AGENT, null).status());
        assertEquals(409, call("PUT", "/api/v1/customers/" + id, AGENT, json(Map.of("name", "back"))).status());
    }

    private static List<String> ids(Reply reply) {
        assertEquals(reply.toString(), 200, reply.status());
        List<String> ids = new ArrayList<>();
        reply.json().get("items").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    @Test
    public void nextCursorIsNullOnTheLastPage() {
        String tag = unique("last");
        create(AGENT, Map.of("name", "Only", "tags", List.of(tag)));
        assertNull(JSON.convertValue(call("GET", "/api/v1/customers?tag=" + tag, AGENT, null).json().get("nextCursor"), String.class));
    }
}
