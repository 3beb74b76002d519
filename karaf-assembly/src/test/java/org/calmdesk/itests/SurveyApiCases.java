package org.calmdesk.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/** The survey REST contract (API.md "Surveys") and the feedback loop on the real distribution. */
@RunWith(PaxExam.class)
public class SurveyApiCases extends SharedContainerCases {

    private static final List<Map<String, Object>> QUESTIONS = List.of(
            Map.of("key", "csat", "type", "CSAT", "text", "您对这次处理满意吗？", "required", true),
            Map.of("key", "nps", "type", "NPS", "text", "您愿意推荐我们吗？", "required", true),
            Map.of("key", "channel", "type", "CHOICE", "text", "您通过什么渠道联系我们？", "options", List.of("电话", "网点"), "required", false),
            Map.of("key", "comment", "type", "TEXT", "text", "还有什么建议？", "required", false));

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Before
    public void waitForModules() {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                call("GET", "/api/v1/surveys", null, null).status() == 401 && call("GET", "/api/v1/tickets", null, null).status() == 401);
    }

    private String survey(String trigger) {
        Reply created = call("POST", "/api/v1/surveys", ADMIN, json(Map.of("name", unique("满意度"), "trigger", trigger, "questions", QUESTIONS)));
        assertEquals(created.toString(), 201, created.status());
        return created.json().get("id").asText();
    }

    private String customer(String name) {
        return call("POST", "/api/v1/customers", AGENT, json(Map.of("name", name, "language", "zh"))).json().get("id").asText();
    }

    private String invite(String surveyId, String customerId) {
        Reply invited = call("POST", "/api/v1/surveys/" + surveyId + "/invitations", AGENT, json(Map.of("customerId", customerId, "channel", "SMS")));
        assertEquals(invited.toString(), 201, invited.status());
        return invited.json().get("token").asText();
    }

    private Reply answer(String token, Object answers) {
        return call("POST", "/api/v1/survey-responses/" + token, null, json(Map.of("answers", answers)));
    }

    @Test
    public void resolveInviteBadAnswerReopensTheTicket() {
        String surveyId = survey("TICKET_RESOLVED");
        String customerId = customer("王芳");
        String ticketId = call("POST", "/api/v1/tickets", AGENT, json(Map.of("customerId", customerId, "channel", "EMAIL",
                "category", "BILLING", "subject", "重复扣费", "emotion", Map.of("label", "ANGER", "intensity", 0.7)))).json().get("id").asText();
        for (String to : List.of("ACKNOWLEDGED", "INVESTIGATING", "SOLUTION_PROPOSED")) {
            assertEquals(200, call("POST", "/api/v1/tickets/" + ticketId + "/transitions", AGENT, json(Map.of("to", to))).status());
        }
        assertEquals(200, call("POST", "/api/v1/tickets/" + ticketId + "/transitions", AGENT,
                json(Map.of("to", "RESOLVED", "resolution", Map.of("summary", "已退款")))).status());
        await().atMost(Duration.ofSeconds(10)).until(() -> call("GET", "/api/v1/surveys/" + surveyId + "/invitations?ticketId=" + ticketId,
                AGENT, null).json().get("items").size() == 1);
        JsonNode invitation = call("GET", "/api/v1/surveys/" + surveyId + "/invitations?ticketId=" + ticketId, AGENT, null).json()
                .get("items").get(0);
        assertEquals("EMAIL", invitation.get("channel").asText());
        assertEquals("SENT", invitation.get("status").asText());
        String token = invitation.get("token").asText();

        Reply form = call("GET", "/api/v1/survey-responses/" + token, null, null);
        assertEquals(form.toString(), 200, form.status());
        assertEquals(4, form.json().get("questions").size());
        assertFalse("the form says nothing about the customer", form.body().contains(customerId));

        Reply answered = answer(token, Map.of("csat", 1, "nps", 2, "channel", "电话", "comment", "退款太慢了"));
        assertEquals(answered.toString(), 201, answered.status());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "REOPENED".equals(call("GET", "/api/v1/tickets/" + ticketId, AGENT, null).json().get("status").asText()));
        Reply second = answer(token, Map.of("csat", 5, "nps", 10));
        assertEquals(409, second.status());
        assertTrue(second.isProblem());
        assertEquals(409, call("GET", "/api/v1/survey-responses/" + token, null, null).status());

        JsonNode report = call("GET", "/api/v1/surveys/" + surveyId + "/report", AGENT, null).json();
        assertEquals(1, report.get("invited").asLong());
        assertEquals(1, report.get("responded").asLong());
        assertEquals(1.0, report.get("csat").get("average").asDouble(), 0.001);
        assertEquals(-100.0, report.get("nps").get("score").asDouble(), 0.001);
        assertEquals("BILLING", report.get("byCategory").get(0).get("category").asText());
        assertEquals("退款太慢了", report.get("freeText").get(0).get("text").asText());
        String timeline = call("GET", "/api/v1/customers/" + customerId + "/timeline", AGENT, null).body();
        assertTrue(timeline, timeline.contains("SURVEY_ANSWERED"));
        assertContains(executeCommandUnchecked("calmdesk:survey-report " + surveyId), "NPS: 1 answers, score -100.0");
        assertContains(executeCommandUnchecked("calmdesk:survey-list"), surveyId);
    }

    private String executeCommandUnchecked(String command) {
        try {
            return executeCommand(command);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    public void aDissatisfiedAnswerWithoutATicketSchedulesACallBack() {
        String surveyId = survey("MANUAL");
        String customerId = customer("李雷");
        assertEquals(201, answer(invite(surveyId, customerId), Map.of("csat", 4, "nps", 5)).status());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                call("GET", "/api/v1/followups?customerId=" + customerId, AGENT, null).json().get("items").size() == 1);
        JsonNode followUp = call("GET", "/api/v1/followups?customerId=" + customerId, AGENT, null).json().get("items").get(0);
        assertTrue(followUp.get("purpose").asText(), followUp.get("purpose").asText().contains("NPS 5"));
    }

    @Test
    public void tokenAbuseIsRefused() throws Exception {
        String surveyId = survey("MANUAL");
        String customerId = customer("张伟");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Reply guessed = call("GET", "/api/v1/survey-responses/" + Base64.getUrlEncoder().withoutPadding().encodeToString(random), null, null);
        assertEquals(404, guessed.status());
        assertTrue(guessed.isProblem());
        assertEquals(404, answer("x", Map.of("csat", 5, "nps", 10)).status());

        String token = invite(surveyId, customerId);
        assertEquals(400, answer(token, Map.of("csat", 5)).status());
        Reply outOfRange = answer(token, Map.of("csat", 9, "nps", 10));
        assertEquals(400, outOfRange.status());
        assertEquals("answers.csat", outOfRange.json().get("errors").get(0).get("field").asText());
        assertEquals(413, call("POST", "/api/v1/survey-responses/" + token, null,
                json(Map.of("answers", Map.of("csat", 5, "nps", 10, "comment", "很".repeat(20_000))))).status());
        assertEquals(415, call("POST", "/api/v1/survey-responses/" + token, null, "csat=5", "Content-Type", "text/plain").status());
        assertEquals(400, call("POST", "/api/v1/survey-responses/" + token, null, "{\"answers\":").status());

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> both = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                both.add(pool.submit((Callable<Integer>) () -> answer(token, Map.of("csat", 5, "nps", 10)).status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : both) {
                statuses.add(f.get());
            }
            assertEquals(statuses.toString(), 1, statuses.stream().filter(s -> s == 201).count());
            assertEquals(statuses.toString(), 3, statuses.stream().filter(s -> s == 409).count());
        } finally {
            pool.shutdownNow();
        }

        assertEquals(401, call("GET", "/api/v1/surveys", null, null).status());
        assertEquals(403, call("POST", "/api/v1/surveys", AGENT, json(Map.of("name", "x", "trigger", "MANUAL", "questions", QUESTIONS))).status());
        Reply duplicateKeys = call("POST", "/api/v1/surveys", ADMIN, json(Map.of("name", "x", "trigger", "MANUAL",
                "questions", List.of(QUESTIONS.get(0), QUESTIONS.get(0)))));
        assertEquals(400, duplicateKeys.status());
        assertEquals(400, call("POST", "/api/v1/surveys", ADMIN, json(Map.of("name", "x", "trigger", "MANUAL", "questions", List.of()))).status());
    }

    @Test
    public void expiryAndTheRateLimitFollowTheLiveConfiguration() throws Exception {
        Configuration config = configAdmin.getConfiguration("calmdesk.survey", null);
        Dictionary<String, Object> original = config.getProperties();
        String surveyId = survey("MANUAL");
        String customerId = customer("赵敏");
        try {
            Dictionary<String, Object> changed = new Hashtable<>();
            for (String key : java.util.Collections.list(original.keys())) {
                changed.put(key, original.get(key));
            }
            changed.put("invitationValidity", "PT2S");
            // This test's open requests come "from" a proxy-named address, so the limit it drives
            // does not spill into the other tests' allowance on 127.0.0.1.
            changed.put("trustForwardedFor", "true");
            config.update(changed);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Reply r = call("POST", "/api/v1/surveys/" + surveyId + "/invitations", AGENT,
                        json(Map.of("customerId", customerId, "channel", "SMS")));
                return Duration.between(Instant.parse(r.json().get("sentAt").asText()),
                        Instant.parse(r.json().get("expiresAt").asText())).equals(Duration.ofSeconds(2));
            });
            String token = invite(surveyId, customerId);
            String proxied = "198.51.100." + (1 + new SecureRandom().nextInt(200));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() ->
                    call("GET", "/api/v1/survey-responses/" + token, null, null, "X-Forwarded-For", proxied).status() == 410);
            Reply expired = call("POST", "/api/v1/survey-responses/" + token, null, json(Map.of("answers", Map.of("csat", 5, "nps", 10))),
                    "X-Forwarded-For", proxied);
            assertEquals(410, expired.status());
            assertTrue(expired.isProblem());
            assertTrue(call("GET", "/api/v1/surveys/" + surveyId + "/invitations?status=EXPIRED", AGENT, null).body().contains(token));

            changed.put("invalidTokenGuessesPerMinute", "5");
            config.update(changed);
            String flooder = "203.0.113." + (1 + new SecureRandom().nextInt(200));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                int refused = 0;
                for (int i = 0; i < 8; i++) {
                    refused += call("GET", "/api/v1/survey-responses/no-such-token", null, null, "X-Forwarded-For", flooder)
                            .status() == 429 ? 1 : 0;
                }
                return refused >= 3;
            });
            Reply limited = call("GET", "/api/v1/survey-responses/no-such-token", null, null, "X-Forwarded-For", flooder);
            assertEquals(429, limited.status());
            assertTrue(limited.isProblem());
            assertTrue(limited.json().get("retryAfterSeconds").asInt() > 0);
            assertEquals("another address keeps its allowance", 404,
                    call("GET", "/api/v1/survey-responses/no-such-token", null, null, "X-Forwarded-For", "192.0.2.1").status());
        } finally {
            config.update(original);
        }
    }
}
