package org.calmdesk.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.emotion.api.EmotionAnalysis;
import org.calmdesk.emotion.api.EmotionAnalyzer;
import org.calmdesk.emotion.api.EmotionEvents;
import org.calmdesk.emotion.api.Signal;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import com.fasterxml.jackson.databind.JsonNode;

/** The emotion module (API.md "Emotion") on the real distribution, with and without it installed. */
@RunWith(PaxExam.class)
public class EmotionCases extends SharedContainerCases {

    private static final String HOSTILE_ZH = "你们太过分了！！！我已经打了三次电话，再不解决我就去银保监会投诉";
    private static final String HOSTILE_EN = "This is the third time I'm calling. Your agent was RUDE and USELESS!!! I'll contact my lawyer.";

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Before
    public void waitForEmotion() {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> call("POST", "/api/v1/emotion/analyze", null, "{}").status() == 401
                        && call("GET", "/api/v1/tickets", null, null).status() == 401);
    }

    /** feature:* commands are guarded by Karaf's command ACLs: run them as a console admin. */
    private String asAdmin(String command) throws Exception {
        javax.security.auth.Subject subject = new javax.security.auth.Subject();
        subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.UserPrincipal("karaf"));
        subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.RolePrincipal("admin"));
        try {
            return javax.security.auth.Subject.doAs(subject,
                    (java.security.PrivilegedExceptionAction<String>) () -> executeCommand(command));
        } catch (java.security.PrivilegedActionException e) {
            throw e.getException();
        }
    }

    private Reply analyze(String user, Object body) {
        return call("POST", "/api/v1/emotion/analyze", user, json(body));
    }

    private String customer(String name, String language) {
        Reply reply = call("POST", "/api/v1/customers", AGENT, json(Map.of("name", name, "language", language)));
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json().get("id").asText();
    }

    private JsonNode ticket(String customerId, String subject, String assignee) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("channel", "PHONE");
        body.put("category", "SERVICE_ATTITUDE");
        body.put("subject", subject);
        if (assignee != null) {
            body.put("assignee", assignee);
        }
        Reply reply = call("POST", "/api/v1/tickets", AGENT, json(body));
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json();
    }

    private JsonNode exposureOf(String agent, String user) {
        Reply reply = call("GET", "/api/v1/agents/exposure", user, null);
        assertEquals(reply.toString(), 200, reply.status());
        for (JsonNode row : reply.json().get("agents")) {
            if (row.get("assignee").asText().equals(agent)) {
                return row;
            }
        }
        return null;
    }

    /** Applies configuration changes to calmdesk.emotion; returns the original properties to restore. */
    private Dictionary<String, Object> changeConfig(Map<String, Object> changes) throws Exception {
        Configuration config = configAdmin.getConfiguration("calmdesk.emotion", null);
        Dictionary<String, Object> original = config.getProperties();
        Dictionary<String, Object> changed = new Hashtable<>();
        if (original != null) {
            for (String key : Collections.list(original.keys())) {
                changed.put(key, original.get(key));
            }
        }
        changes.forEach(changed::put);
        config.update(changed);
        return original;
    }

    private void restoreConfig(Dictionary<String, Object> original) throws Exception {
        if (original != null) {
            configAdmin.getConfiguration("calmdesk.emotion", null).update(original);
        }
    }

    @Test
    public void analyzeReadsChineseAndEnglishWithSignalsAndRejectsBadInput() {
        Reply zh = analyze(INTEGRATION, Map.of("text", HOSTILE_ZH));
        assertEquals(zh.toString(), 200, zh.status());
        JsonNode z = zh.json();
        assertEquals("ANGER", z.get("label").asText());
        assertTrue(z.toString(), z.get("negativity").asInt() >= 70);
        assertTrue(z.get("intensity").asDouble() > 0.5 && z.get("intensity").asDouble() <= 1.0);
        assertTrue(z.toString(), z.get("signals").toString().contains("REGULATOR_THREAT"));
        assertTrue(z.toString(), z.get("signals").toString().contains("REPEAT_CONTACT"));
        assertEquals("lexicon-1", z.get("analyzer").asText());
        assertEquals("zh", z.get("language").asText());

        JsonNode e = analyze(AGENT, Map.of("text", HOSTILE_EN, "language", "en")).json();
        assertEquals("ANGER", e.get("label").asText());
        assertTrue(e.toString(), e.get("signals").toString().contains("LEGAL_THREAT"));
        JsonNode happy = analyze(AGENT, Map.of("text", "服务很好，问题很快就解决了，非常满意，谢谢！")).json();
        assertEquals("SATISFIED", happy.get("label").asText());
        assertTrue(happy.get("negativity").asInt() < 25);
        assertEquals("DISAPPOINTMENT", analyze(AGENT, Map.of("text", "I am not happy with the repair")).json().get("label").asText());

        for (Object bad : List.of(Map.of("text", ""), Map.of("text", "   "), Map.of("language", "zh"),
                Map.of("text", "x".repeat(10_001)), Map.of("text", "ok", "language", "fr"))) {
            Reply reply = analyze(AGENT, bad);
            assertEquals(reply.toString(), 400, reply.status());
            assertTrue(reply.toString(), reply.isProblem());
            assertLacks(reply.body(), "Exception");
        }
        Reply malformed = call("POST", "/api/v1/emotion/analyze", AGENT, "{\"text\":");
        assertEquals(malformed.toString(), 400, malformed.status());
        assertEquals(401, analyze(null, Map.of("text", "hi")).status());
        assertEquals(401, analyze("agent:wrong", Map.of("text", "hi")).status());
        assertEquals("API.md: an integration may read", 200, call("GET", "/api/v1/agents/exposure", INTEGRATION, null).status());
        assertEquals(401, call("GET", "/api/v1/agents/exposure", null, null).status());
        JsonNode health = call("GET", "/api/v1/health", null, null).json();
        assertTrue(health.toString(), health.get("modules").toString().contains("\"emotion\""));
        String openApi = call("GET", "/api/v1/openapi.json", ADMIN, null).body();
        assertContains(openApi, "/emotion/analyze");
        assertContains(openApi, "/agents/exposure");
        Reply badDate = call("GET", "/api/v1/agents/exposure?date=yesterday", AGENT, null);
        assertEquals(badDate.toString(), 400, badDate.status());
        assertTrue(badDate.isProblem());
    }

    @Test
    public void ticketsAreAnalysedWhileTheModuleIsInstalledAndNotWhenItIsRemoved() throws Exception {
        String customerId = customer("王芳", "zh");
        JsonNode before = ticket(customerId, HOSTILE_ZH, null);
        assertEquals("ANALYZER", before.get("emotion").get("source").asText());
        assertEquals("ANGER", before.get("emotion").get("label").asText());
        assertEquals("P1", before.get("priority").asText());

        List<Integer> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                int status = call("GET", "/api/v1/tickets/" + before.get("id").asText(), AGENT, null).status();
                if (status != 200) {
                    failures.add(status);
                }
            }
        });
        watcher.start();
        try {
            // -r (no auto-refresh): any feature change otherwise refreshes the whole JPA stack, because
            // javax.persistence's optional import of org.osgi.service.jpa is never wired (see README).
            asAdmin("feature:uninstall -r calmdesk-emotion");
            await().atMost(Duration.ofSeconds(30)).until(() -> bundleContext.getServiceReference(EmotionAnalyzer.class) == null
                    && call("POST", "/api/v1/emotion/analyze", AGENT, json(Map.of("text", "hi"))).status() == 404);
            JsonNode without = ticket(customerId, HOSTILE_ZH, null);
            assertEquals("NEUTRAL", without.get("emotion").get("label").asText());
            assertEquals("AGENT", without.get("emotion").get("source").asText());
            assertEquals(404, call("GET", "/api/v1/agents/exposure", AGENT, null).status());
        } finally {
            asAdmin("feature:install -r calmdesk-emotion");
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> analyze(AGENT, Map.of("text", "hi")).status() == 200);
        JsonNode after = ticket(customerId, HOSTILE_ZH, null);
        assertEquals("ANALYZER", after.get("emotion").get("source").asText());
        assertEquals("ANGER", after.get("emotion").get("label").asText());
        watching.set(false);
        watcher.join(10_000);
        assertEquals("the ticket endpoints never failed while the emotion module came and went", List.of(), failures);
    }

    @Test
    public void exposureCountsABatchOfHostileTicketsAndTheThresholdEventFiresOnceAfterALiveChange() throws Exception {
        List<Event> crossed = new CopyOnWriteArrayList<>();
        ServiceRegistration<EventHandler> listener = bundleContext.registerService(EventHandler.class, crossed::add,
                new Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, EmotionEvents.EXPOSURE_THRESHOLD_CROSSED)));
        Dictionary<String, Object> original = changeConfig(Map.of("exposureThreshold", "3"));
        String agent = unique("agent");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    call("GET", "/api/v1/agents/exposure", AGENT, null).json().get("threshold").asInt() == 3);
            String customerId = customer("Exposure Customer", "en");
            ticket(customerId, "Thanks, all good now", agent);
            for (int i = 0; i < 3; i++) {
                ticket(customerId, HOSTILE_EN, agent);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode row = exposureOf(agent, AGENT);
                return row != null && row.get("hostile").asInt() == 3;
            });
            JsonNode row = exposureOf(agent, ADMIN);
            assertEquals(4, row.get("total").asInt());
            assertTrue(row.get("overThreshold").asBoolean());
            await().atMost(Duration.ofSeconds(10)).until(() -> crossed.stream().anyMatch(e -> agent.equals(e.getProperty(EmotionEvents.ASSIGNEE))));
            ticket(customerId, HOSTILE_EN, agent);
            await().atMost(Duration.ofSeconds(10)).until(() -> exposureOf(agent, AGENT).get("hostile").asInt() == 4);
            Thread.sleep(500); // a second event would be posted with the fourth count
            assertEquals(1, crossed.stream().filter(e -> agent.equals(e.getProperty(EmotionEvents.ASSIGNEE))).count());
            Event event = crossed.stream().filter(e -> agent.equals(e.getProperty(EmotionEvents.ASSIGNEE))).findFirst().orElseThrow();
            assertEquals(3, event.getProperty(EmotionEvents.HOSTILE));
            assertEquals(3, event.getProperty(EmotionEvents.THRESHOLD));

            String today = call("GET", "/api/v1/agents/exposure", AGENT, null).json().get("date").asText();
            assertEquals(4, exposureOfDay(agent, today).get("hostile").asInt());
            assertNull("nothing on another day", exposureOfDay(agent, "2020-01-01"));
            String console = executeCommand("calmdesk:agent-exposure --date " + today);
            assertContains(console, agent);
            assertContains(console, "YES");
        } finally {
            restoreConfig(original);
            listener.unregister();
        }
    }

    private JsonNode exposureOfDay(String agent, String day) {
        for (JsonNode row : call("GET", "/api/v1/agents/exposure?date=" + day, AGENT, null).json().get("agents")) {
            if (row.get("assignee").asText().equals(agent)) {
                return row;
            }
        }
        return null;
    }

    @Test
    public void aSecondAnalyzerWithAHigherRankingTakesOverAtRuntimeAndBack() throws Exception {
        String customerId = customer("Swap Customer", "en");
        EmotionAnalyzer clientSpecific = (text, language) ->
                new EmotionAnalysis(EmotionLabel.ANXIETY, 0.4, 61, Set.of(Signal.URGENCY), "client-specific");
        ServiceRegistration<EmotionAnalyzer> registration = bundleContext.registerService(EmotionAnalyzer.class, clientSpecific,
                new Hashtable<>(Map.of(Constants.SERVICE_RANKING, 100)));
        try {
            JsonNode swapped = analyze(AGENT, Map.of("text", HOSTILE_EN)).json();
            assertEquals("client-specific", swapped.get("analyzer").asText());
            assertEquals("ANXIETY", swapped.get("label").asText());
            assertEquals("ANXIETY", ticket(customerId, HOSTILE_EN, null).get("emotion").get("label").asText());
            assertContains(executeCommand("calmdesk:emotion-analyze \"" + HOSTILE_EN + "\""), "client-specific");
        } finally {
            registration.unregister();
        }
        JsonNode back = analyze(AGENT, Map.of("text", HOSTILE_EN)).json();
        assertEquals("lexicon-1", back.get("analyzer").asText());
        assertEquals("ANGER", ticket(customerId, HOSTILE_EN, null).get("emotion").get("label").asText());
        assertContains(executeCommand("calmdesk:emotion-analyze 太差了！！！"), "lexicon-1");
    }

    @Test
    public void hostileTicketsAndAbusiveInteractionsShapeTheCustomersProfileAndGuidance() {
        String emotional = customer("张伟", "zh");
        ticket(emotional, "你们太过分了！！！气死我了！！", null);
        String second = ticket(emotional, "又是这样！！！我受够了！！！", null).get("id").asText();
        // The profile follows the tickets' events asynchronously; a loaded CI machine needs more than 20 s.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode c = call("GET", "/api/v1/customers/" + emotional, AGENT, null).json();
            return c.get("temperament").asText().equals("EMOTIONAL") && c.get("negativityScore").asInt() >= 70;
        });
        JsonNode guidance = call("GET", "/api/v1/tickets/" + second + "/guidance", AGENT, null).json();
        assertTrue(guidance.toString(), guidance.get("contributors").toString().contains("emotion"));
        assertTrue(guidance.toString(), guidance.get("strategy").asText().contains("情绪型客户（按近期接触推断"));
        assertTrue(guidance.toString(), guidance.get("say").toString().contains("我在听"));

        String abusive = customer("Rude Customer", "en");
        Reply interaction = call("POST", "/api/v1/customers/" + abusive + "/interactions", AGENT, json(Map.of(
                "channel", "PHONE", "direction", "INBOUND", "summary", "Customer called us idiots and said shut up")));
        assertEquals(interaction.toString(), 201, interaction.status());
        await().atMost(Duration.ofSeconds(20)).until(() -> call("GET", "/api/v1/customers/" + abusive, AGENT, null).json()
                .get("temperament").asText().equals("UNREASONABLE"));

        // An agent's explicit choice wins until new evidence arrives.
        JsonNode current = call("GET", "/api/v1/customers/" + abusive, AGENT, null).json();
        Reply set = call("PUT", "/api/v1/customers/" + abusive, AGENT, json(Map.of("name", "Rude Customer", "language", "en",
                "temperament", "RATIONAL")));
        assertEquals(set.toString(), 200, set.status());
        assertEquals(current.get("negativityScore").asInt(), set.json().get("negativityScore").asInt());
        assertEquals("RATIONAL", call("GET", "/api/v1/customers/" + abusive, AGENT, null).json().get("temperament").asText());
        call("POST", "/api/v1/customers/" + abusive + "/interactions", AGENT, json(Map.of(
                "channel", "PHONE", "direction", "INBOUND", "summary", "Called again, shouting that we are morons")));
        await().atMost(Duration.ofSeconds(20)).until(() -> call("GET", "/api/v1/customers/" + abusive, AGENT, null).json()
                .get("temperament").asText().equals("UNREASONABLE"));
    }

    @Test
    public void theAssignmentHelperGivesUnassignedTicketsToTheLeastExposedAgentAndAClientLexiconAppliesLive() throws Exception {
        String busy = unique("busy");
        String free = unique("free");
        Dictionary<String, Object> original = changeConfig(Map.of("assignmentEnabled", "true", "agents", busy + "," + free,
                "extraTerms", "\u91d1\u7ba1\u5c40|REGULATOR_THREAT|2"));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> analyze(AGENT, Map.of("text", "我要去金管局")).json()
                    .get("signals").toString().contains("REGULATOR_THREAT"));
            String customerId = customer("Assign Customer", "en");
            ticket(customerId, HOSTILE_EN, busy);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode row = exposureOf(busy, AGENT);
                return row != null && row.get("hostile").asInt() == 1;
            });
            String id = ticket(customerId, HOSTILE_EN, null).get("id").asText();
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    free.equals(call("GET", "/api/v1/tickets/" + id, AGENT, null).json().path("assignee").asText()));
            JsonNode history = call("GET", "/api/v1/tickets/" + id + "/history", AGENT, null).json();
            assertTrue(history.toString(), history.toString().contains("\"actor\":\"emotion\""));
        } finally {
            restoreConfig(original);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !analyze(AGENT, Map.of("text", "我要去金管局")).json()
                .get("signals").toString().contains("REGULATOR_THREAT"));
    }
}
