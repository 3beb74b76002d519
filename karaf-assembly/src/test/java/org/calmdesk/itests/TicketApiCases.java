package org.calmdesk.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.emotion.api.EmotionAnalysis;
import org.calmdesk.emotion.api.EmotionAnalyzer;
import org.calmdesk.emotion.api.Signal;
import org.calmdesk.followup.api.FollowUpEvents;
import org.calmdesk.survey.api.SurveyEvents;
import org.calmdesk.ticket.api.TicketEvents;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.calmdesk.core.events.EventConsumer;
import org.calmdesk.core.events.LoggedEvent;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import com.fasterxml.jackson.databind.JsonNode;

/** The ticket REST contract (API.md "Tickets") and the module's wiring on the real distribution. */
@RunWith(PaxExam.class)
public class TicketApiCases extends SharedContainerCases {

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Before
    public void waitForTickets() {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> call("GET", "/api/v1/tickets", null, null).status() == 401);
    }

    private String customer(Map<String, Object> body) {
        Reply reply = call("POST", "/api/v1/customers", AGENT, json(body));
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json().get("id").asText();
    }

    private Reply open(String user, Map<String, Object> body) {
        return call("POST", "/api/v1/tickets", user, json(body));
    }

    private JsonNode opened(Map<String, Object> body) {
        Reply reply = open(AGENT, body);
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json();
    }

    private Reply move(String id, Map<String, Object> body) {
        return call("POST", "/api/v1/tickets/" + id + "/transitions", AGENT, json(body));
    }

    private JsonNode moved(String id, String to) {
        Reply reply = move(id, Map.of("to", to));
        assertEquals(reply.toString(), 200, reply.status());
        return reply.json();
    }

    private static Map<String, Object> ticket(String customerId, String subject, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("channel", "PHONE");
        body.put("category", "POLICY");
        body.put("subject", subject);
        body.put("description", description);
        return body;
    }

    @Test
    public void theFiveStepFlowOverRestInChinese() throws Exception {
        String customerId = customer(Map.of("name", "王芳", "language", "zh", "segment", "vip", "temperament", "EMOTIONAL"));
        Map<String, Object> body = ticket(customerId, "转账限额太低，耽误了我的生意", "我已经打了三次电话了，还是没有人解决！");
        body.put("emotion", Map.of("label", "ANGER", "intensity", 0.9));
        body.put("tags", List.of("限额"));
        Reply created = open(AGENT, body);
        assertEquals(created.toString(), 201, created.status());
        JsonNode t = created.json();
        String id = t.get("id").asText();
        String number = t.get("number").asText();
        assertTrue(number, number.matches("CD-\\d{6}"));
        assertTrue(created.location(), created.location().endsWith("/api/v1/tickets/" + id));
        assertEquals("\"1\"", created.etag());
        assertEquals("NEW", t.get("status").asText());
        assertEquals("P1", t.get("priority").asText());
        assertEquals("AGENT", t.get("emotion").get("source").asText());
        assertFalse(t.get("sla").get("breached").asBoolean());
        assertEquals(id, call("GET", "/api/v1/tickets/" + number, INTEGRATION, null).json().get("id").asText());

        Reply illegal = move(id, Map.of("to", "RESOLVED", "resolution", Map.of("summary", "直接解决")));
        assertEquals(illegal.toString(), 409, illegal.status());
        assertTrue(illegal.isProblem());
        assertEquals("ACKNOWLEDGED", illegal.json().get("allowed").get(0).asText());
        assertEquals("RFC 9457: status is the HTTP status", 409, illegal.json().get("status").asInt());
        assertEquals("NEW", illegal.json().get("currentStatus").asText());

        JsonNode guidanceAtStart = call("GET", "/api/v1/tickets/" + id + "/guidance", AGENT, null).json();
        assertEquals("共情理解", guidanceAtStart.get("step").get("name").asText());
        assertTrue(guidanceAtStart.get("strategy").asText().startsWith("情绪型客户"));
        assertTrue(guidanceAtStart.get("pitfalls").toString(), guidanceAtStart.get("pitfalls").toString().contains("忽视情绪"));

        JsonNode ack = move(id, Map.of("to", "ACKNOWLEDGED", "note", "已向客户致歉，客户情绪缓和")).json();
        assertNotNull(ack.get("sla").get("firstRespondedAt").textValue());
        moved(id, "INVESTIGATING");
        moved(id, "SOLUTION_PROPOSED");
        moved(id, "INVESTIGATING");
        moved(id, "SOLUTION_PROPOSED");
        Reply noSummary = move(id, Map.of("to", "RESOLVED"));
        assertEquals(400, noSummary.status());
        assertEquals("resolution.summary", noSummary.json().get("errors").get(0).get("field").asText());
        Reply resolved = move(id, Map.of("to", "RESOLVED", "resolution",
                Map.of("summary", "临时提高转账限额至五十万", "rootCause", "新开户默认限额过低", "compensation", "免手续费一个月")));
        assertEquals(resolved.toString(), 200, resolved.status());
        JsonNode r = resolved.json();
        assertEquals("RESOLVED", r.get("status").asText());
        assertEquals("我们会再次回访您，确认问题已经圆满解决。", r.get("commitment").get("text").asText());
        Instant followUpAt = Instant.parse(r.get("commitment").get("followUpAt").asText());
        assertTrue(followUpAt.isAfter(Instant.now().plus(Duration.ofDays(2)).minus(Duration.ofMinutes(5))));
        assertEquals(resolved.etag(), "\"" + r.get("version").asLong() + "\"");

        moved(id, "REOPENED");
        assertEquals(1, call("GET", "/api/v1/tickets/" + id, AGENT, null).json().get("reopenCount").asInt());
        moved(id, "INVESTIGATING");
        moved(id, "SOLUTION_PROPOSED");
        move(id, Map.of("to", "RESOLVED", "resolution", Map.of("summary", "永久调整限额"),
                "commitment", Map.of("text", "三天后回访", "followUpAt", Instant.now().plus(Duration.ofDays(3)).toString())));
        moved(id, "CLOSED");

        JsonNode history = call("GET", "/api/v1/tickets/" + id + "/history?limit=200", AGENT, null).json().get("items");
        List<String> moves = new ArrayList<>();
        history.forEach(h -> {
            if ("STATUS".equals(h.get("action").asText())) {
                moves.add(h.get("to").asText());
                assertEquals("agent", h.get("actor").asText());
            }
        });
        assertEquals(List.of("ACKNOWLEDGED", "INVESTIGATING", "SOLUTION_PROPOSED", "INVESTIGATING", "SOLUTION_PROPOSED",
                "RESOLVED", "REOPENED", "INVESTIGATING", "SOLUTION_PROPOSED", "RESOLVED", "CLOSED"), moves);
        assertTrue(history.toString(), history.toString().contains("已向客户致歉"));

        Reply comment = call("POST", "/api/v1/tickets/" + id + "/comments", AGENT, json(Map.of("body", "客户接受了方案", "internal", false)));
        assertEquals(comment.toString(), 201, comment.status());
        assertFalse(call("GET", "/api/v1/tickets/" + id + "/comments", AGENT, null).json().get("items").get(0).get("internal").asBoolean());

        JsonNode timeline = call("GET", "/api/v1/customers/" + customerId + "/timeline", AGENT, null).json().get("items");
        assertTrue(timeline.toString(), timeline.toString().contains(number + " opened: 转账限额太低"));
        assertTrue(timeline.toString(), timeline.toString().contains("TICKET_CLOSED"));

        JsonNode list = call("GET", "/api/v1/tickets?customerId=" + customerId + "&status=CLOSED&q="
                + URLEncoder.encode("限额", StandardCharsets.UTF_8), INTEGRATION, null).json();
        assertEquals(1, list.get("items").size());
        JsonNode stats = call("GET", "/api/v1/tickets/stats", AGENT, null).json();
        assertTrue(stats.toString(), stats.get("total").asLong() >= 1);
        assertTrue(stats.toString(), stats.get("byStatus").get("CLOSED").asLong() >= 1);
        assertTrue(stats.toString(), stats.get("medianResolutionSeconds").isNumber());

        String shown = executeCommand("calmdesk:ticket-show " + number);
        assertContains(shown, "转账限额太低");
        assertContains(shown, "REOPENED");
        assertContains(executeCommand("calmdesk:ticket-list --status CLOSED"), number);
        assertContains(executeCommand("calmdesk:ticket-stats"), "By status:");
    }

    @Test
    public void theConsoleMovesTicketsAndRefusesIllegalMoves() throws Exception {
        String customerId = customer(Map.of("name", "Console Customer"));
        JsonNode t = opened(ticket(customerId, "Card blocked abroad", "Please unblock it"));
        String number = t.get("number").asText();
        assertContains(executeCommand("calmdesk:ticket-move --note \"called back\" " + number + " ACKNOWLEDGED"),
                "NEW -> ACKNOWLEDGED");
        assertContains(executeCommand("calmdesk:ticket-move " + number + " CLOSED"), "Not moved");
        JsonNode after = call("GET", "/api/v1/tickets/" + t.get("id").asText(), AGENT, null).json();
        assertEquals("ACKNOWLEDGED", after.get("status").asText());
    }

    @Test
    public void rolesAndBadInputGetProblemsAndChangeNothing() {
        String customerId = customer(Map.of("name", "Roles Customer", "externalRef", unique("crm")));
        Reply byIntegration = open(INTEGRATION, ticket(customerId, "Opened by the CRM", null));
        assertEquals(byIntegration.toString(), 201, byIntegration.status());
        String id = byIntegration.json().get("id").asText();
        Reply forbidden = call("POST", "/api/v1/tickets/" + id + "/transitions", INTEGRATION, json(Map.of("to", "ACKNOWLEDGED")));
        assertEquals(403, forbidden.status());
        assertTrue(forbidden.isProblem());
        assertEquals(401, call("GET", "/api/v1/tickets/" + id, null, null).status());
        assertEquals(401, call("GET", "/api/v1/tickets/" + id, "agent:wrong", null).status());

        Reply unknownCustomer = open(AGENT, ticket("no-such-customer", "x", null));
        assertEquals(400, unknownCustomer.status());
        assertEquals("customerId", unknownCustomer.json().get("errors").get(0).get("field").asText());
        String erased = customer(Map.of("name", "To Be Erased"));
        assertEquals(204, call("DELETE", "/api/v1/customers/" + erased, ADMIN, null).status());
        Reply erasedCustomer = open(AGENT, ticket(erased, "x", null));
        assertEquals(400, erasedCustomer.status());
        assertEquals("customerId", erasedCustomer.json().get("errors").get(0).get("field").asText());

        Reply missing = open(AGENT, Map.of("customerId", customerId));
        assertEquals(400, missing.status());
        assertTrue(missing.json().get("errors").size() >= 3);
        Reply badEnum = open(AGENT, Map.of("customerId", customerId, "channel", "PIGEON", "category", "OTHER", "subject", "x"));
        assertEquals(400, badEnum.status());
        assertTrue(badEnum.isProblem());
        Reply badIntensity = open(AGENT, Map.of("customerId", customerId, "channel", "PHONE", "category", "OTHER",
                "subject", "x", "emotion", Map.of("label", "ANGER", "intensity", 3)));
        assertEquals(400, badIntensity.status());
        Reply malformed = call("POST", "/api/v1/tickets", AGENT, "{\"customerId\":");
        assertEquals(400, malformed.status());
        assertTrue(malformed.isProblem());
        assertEquals(400, call("GET", "/api/v1/tickets?status=LOST", AGENT, null).status());
        assertEquals(400, call("GET", "/api/v1/tickets?breached=maybe", AGENT, null).status());
        assertEquals(400, call("GET", "/api/v1/tickets/stats?from=yesterday", AGENT, null).status());
        Reply unknown = call("GET", "/api/v1/tickets/no-such-ticket", AGENT, null);
        assertEquals(404, unknown.status());
        assertTrue(unknown.isProblem());
        assertEquals(404, move("no-such-ticket", Map.of("to", "ACKNOWLEDGED")).status());

        Reply assigned = call("PUT", "/api/v1/tickets/" + id + "/assignee", AGENT, json(Map.of("assignee", "li.na")));
        assertEquals(assigned.toString(), 200, assigned.status());
        Reply stale = call("PUT", "/api/v1/tickets/" + id + "/assignee", AGENT, json(Map.of("assignee", "wang")), "If-Match", "\"1\"");
        assertEquals(412, stale.status());
        assertEquals("li.na", call("GET", "/api/v1/tickets/" + id, AGENT, null).json().get("assignee").asText());
        assertEquals(1, call("GET", "/api/v1/tickets?assignee=li.na&customerId=" + customerId, AGENT, null).json().get("items").size());
        assertEquals(400, call("POST", "/api/v1/tickets/" + id + "/waiting", AGENT, json(Map.of())).status());
    }

    @Test
    public void anSlaBreachWithASecondsLongTargetAfterALiveConfigChange() throws Exception {
        List<Event> escalations = new CopyOnWriteArrayList<>();
        ServiceRegistration<EventHandler> listener = bundleContext.registerService(EventHandler.class, escalations::add,
                new Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, TicketEvents.ESCALATED)));
        Configuration config = configAdmin.getConfiguration("calmdesk.ticket", null);
        Dictionary<String, Object> original = config.getProperties();
        String customerId = customer(Map.of("name", "SLA Customer"));
        try {
            Map<String, Object> body = ticket(customerId, "Slow answer", null);
            body.put("priority", "P4");
            JsonNode before = opened(body);
            assertEquals(Duration.ofHours(8), Duration.between(Instant.parse(before.get("createdAt").asText()),
                    Instant.parse(before.get("sla").get("firstResponseDue").asText())));

            Dictionary<String, Object> changed = new Hashtable<>();
            for (String key : java.util.Collections.list(original.keys())) {
                changed.put(key, original.get(key));
            }
            changed.put("firstResponseP4", "PT2S");
            changed.put("checkIntervalSeconds", "1");
            changed.put("escalationStep", "PT1S");
            config.update(changed);

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode fresh = opened(body);
                return Duration.between(Instant.parse(fresh.get("createdAt").asText()),
                        Instant.parse(fresh.get("sla").get("firstResponseDue").asText())).equals(Duration.ofSeconds(2));
            });
            JsonNode fast = opened(body);
            String fastId = fast.get("id").asText();
            assertEquals("PT8H applies to the ticket opened before the change", "PT8H",
                    Duration.between(Instant.parse(before.get("createdAt").asText()),
                            Instant.parse(call("GET", "/api/v1/tickets/" + before.get("id").asText(), AGENT, null)
                                    .json().get("sla").get("firstResponseDue").asText())).toString());

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    call("GET", "/api/v1/tickets/" + fastId, AGENT, null).json().get("escalationLevel").asInt() >= 2);
            JsonNode breached = call("GET", "/api/v1/tickets/" + fastId, AGENT, null).json();
            assertTrue(breached.get("sla").get("breached").asBoolean());
            JsonNode breachedList = call("GET", "/api/v1/tickets?breached=true&customerId=" + customerId + "&limit=200", AGENT, null).json();
            assertTrue(breachedList.toString(), breachedList.toString().contains(fastId));
            assertFalse(breachedList.toString(), breachedList.toString().contains(before.get("id").asText()));
            await().atMost(Duration.ofSeconds(10)).until(() -> escalations.stream()
                    .filter(e -> fastId.equals(e.getProperty(TicketEvents.TICKET_ID))).count() >= 2);
            Event first = escalations.stream().filter(e -> fastId.equals(e.getProperty(TicketEvents.TICKET_ID))).findFirst().orElseThrow();
            assertEquals("FIRST_RESPONSE", first.getProperty(TicketEvents.BREACH));
            assertEquals(1, first.getProperty(TicketEvents.TO));
            JsonNode history = call("GET", "/api/v1/tickets/" + fastId + "/history", AGENT, null).json();
            assertTrue(history.toString(), history.toString().contains("\"actor\":\"sla\""));

            String pausedId = opened(body).get("id").asText();
            assertEquals(200, call("POST", "/api/v1/tickets/" + pausedId + "/waiting", AGENT, json(Map.of("waiting", true))).status());
            // Longer than the 2 s target and several 1 s checks: a paused ticket must not breach.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).until(() -> {
                JsonNode paused = call("GET", "/api/v1/tickets/" + pausedId, AGENT, null).json();
                return paused.get("waitingOnCustomer").asBoolean() && paused.get("escalationLevel").asInt() == 0
                        && !paused.get("sla").get("breached").asBoolean();
            });
        } finally {
            config.update(original);
            listener.unregister();
        }
    }

    @Test
    public void anAnalyzerIsUsedWhenInstalledAndSwappedByRankingAtRuntime() {
        String customerId = customer(Map.of("name", "李雷", "language", "zh"));
        Map<String, Object> body = ticket(customerId, "你们太过分了！我要去银保监会投诉", "已经第三次了");
        // The distribution runs the emotion module: its default analyzer (ranking -100) reads the ticket.
        JsonNode byDefault = opened(body);
        assertEquals("ANALYZER", byDefault.get("emotion").get("source").asText());
        assertEquals("ANGER", byDefault.get("emotion").get("label").asText());

        List<String> seenByFirst = new CopyOnWriteArrayList<>();
        EmotionAnalyzer first = (text, language) -> {
            seenByFirst.add(language);
            return new EmotionAnalysis(EmotionLabel.ANGER, 0.8, 90, Set.of(Signal.REGULATOR_THREAT, Signal.REPEAT_CONTACT), "first");
        };
        EmotionAnalyzer clientSpecific = (text, language) ->
                new EmotionAnalysis(EmotionLabel.ANXIETY, 0.4, 55, Set.of(), "client-specific");
        ServiceRegistration<EmotionAnalyzer> a = bundleContext.registerService(EmotionAnalyzer.class, first,
                new Hashtable<>(Map.of(Constants.SERVICE_RANKING, 0)));
        ServiceRegistration<EmotionAnalyzer> b = null;
        try {
            JsonNode analysed = opened(body);
            assertEquals("ANGER", analysed.get("emotion").get("label").asText());
            assertEquals("ANALYZER", analysed.get("emotion").get("source").asText());
            assertEquals(90, analysed.get("emotion").get("negativity").asInt());
            assertEquals("P1", analysed.get("priority").asText());
            assertEquals(List.of("zh"), seenByFirst);
            JsonNode guidance = call("GET", "/api/v1/tickets/" + analysed.get("id").asText() + "/guidance", AGENT, null).json();
            assertTrue(guidance.toString(), guidance.get("pitfalls").toString().contains("监管"));

            b = bundleContext.registerService(EmotionAnalyzer.class, clientSpecific,
                    new Hashtable<>(Map.of(Constants.SERVICE_RANKING, 100)));
            assertEquals("the higher-ranked analyzer takes over", "ANXIETY", opened(body).get("emotion").get("label").asText());
            b.unregister();
            b = null;
            assertEquals("ANGER", opened(body).get("emotion").get("label").asText());
        } finally {
            if (b != null) {
                b.unregister();
            }
            a.unregister();
        }
        assertEquals("back to the default analyzer", "ANALYZER", opened(body).get("emotion").get("source").asText());
    }

    @Test
    public void followUpAndSurveyEventsCloseAndReopenTickets() throws Exception {
        String customerId = customer(Map.of("name", "Loop Customer"));
        String id = opened(ticket(customerId, "Phone screen flickers", "Bought last week")).get("id").asText();
        for (String to : List.of("ACKNOWLEDGED", "INVESTIGATING", "SOLUTION_PROPOSED")) {
            moved(id, to);
        }
        assertEquals(200, move(id, Map.of("to", "RESOLVED", "resolution", Map.of("summary", "Replaced the phone"))).status());

        // The ticket module's consumer of the log, handed what the follow-up and survey modules would append.
        EventConsumer loop = bundleContext.getService(bundleContext.getServiceReferences(EventConsumer.class,
                "(" + EventConsumer.NAME + "=ticket.ticket-loop-listener)").iterator().next());
        loop.consume(logged(FollowUpEvents.COMPLETED, Map.of(FollowUpEvents.FOLLOW_UP_ID, "f-1",
                FollowUpEvents.TICKET_ID, id, FollowUpEvents.CUSTOMER_ID, customerId, FollowUpEvents.CUSTOMER_SATISFIED, true)));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "CLOSED".equals(call("GET", "/api/v1/tickets/" + id, AGENT, null).json().get("status").asText()));

        loop.consume(logged(SurveyEvents.DISSATISFIED, Map.of(SurveyEvents.INVITATION_ID, "i-1",
                SurveyEvents.SURVEY_ID, "s-1", SurveyEvents.TICKET_ID, id, SurveyEvents.CUSTOMER_ID, customerId,
                SurveyEvents.SCORE_KIND, "NPS", SurveyEvents.SCORE, 3)));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "REOPENED".equals(call("GET", "/api/v1/tickets/" + id, AGENT, null).json().get("status").asText()));
        JsonNode history = call("GET", "/api/v1/tickets/" + id + "/history", AGENT, null).json();
        assertTrue(history.toString(), history.toString().contains("\"actor\":\"followup\""));
        assertTrue(history.toString(), history.toString().contains("Survey answer: NPS 3"));
    }

    private static LoggedEvent logged(String topic, Map<String, Object> data) {
        return new LoggedEvent(java.util.UUID.randomUUID().toString(), 0, topic, topic.substring(9).replace('/', '.').toLowerCase(),
                null, null, java.time.Instant.now(), data, 1, false);
    }
}
