package org.calmdesk.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Follow-ups and surveys without the ticket module (and surveys without follow-ups): manual work
 * only, and the modules untouched by the others leaving and coming back; a customer merge made
 * while they are away reaches them when they return.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WithoutTicketsIT extends CalmdeskTestSupport {

    @Test
    public void followUpsAndSurveysWorkWhileTheTicketModuleIsUninstalled() throws Exception {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> call("GET", "/api/v1/followups", null, null).status() == 401
                && call("GET", "/api/v1/surveys", null, null).status() == 401);
        long surveyBundleId = bundle("calmdesk-survey").getBundleId();
        long surveyLastModified = bundle("calmdesk-survey").getLastModified();

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

        String surveyId = call("POST", "/api/v1/surveys", ADMIN, json(Map.of("name", "Without tickets", "trigger", "MANUAL",
                "questions", List.of(Map.of("key", "csat", "type", "CSAT", "text", "Satisfied?"))))).json().get("id").asText();
        String token = call("POST", "/api/v1/surveys/" + surveyId + "/invitations", AGENT,
                json(Map.of("customerId", customerId, "channel", "EMAIL"))).json().get("token").asText();
        assertEquals(201, call("POST", "/api/v1/survey-responses/" + token, null, json(Map.of("answers", Map.of("csat", 1)))).status());
        await().atMost(Duration.ofSeconds(10)).until(() -> call("GET", "/api/v1/followups?customerId=" + customerId + "&status=PENDING",
                AGENT, null).json().get("items").size() == 1);

        executeCommand("feature:uninstall calmdesk-followup");
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/v1/followups", AGENT, null).status() == 404);
        String token2 = call("POST", "/api/v1/surveys/" + surveyId + "/invitations", AGENT,
                json(Map.of("customerId", customerId, "channel", "EMAIL"))).json().get("token").asText();
        assertEquals("surveys answer without tickets and follow-ups", 201,
                call("POST", "/api/v1/survey-responses/" + token2, null, json(Map.of("answers", Map.of("csat", 2)))).status());
        executeCommand("feature:install calmdesk-followup");
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/v1/followups", AGENT, null).status() == 200);
        long followupId = bundle("calmdesk-followup").getBundleId();
        long lastModified = bundle("calmdesk-followup").getLastModified();
        executeCommand("feature:install calmdesk-ticket");
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/v1/tickets", AGENT, null).status() == 200);
        assertEquals("the follow-up bundle was neither reinstalled nor refreshed", followupId, bundle("calmdesk-followup").getBundleId());
        assertEquals(lastModified, bundle("calmdesk-followup").getLastModified());
        assertEquals(Bundle.ACTIVE, bundle("calmdesk-followup").getState());
        assertEquals("DONE", call("GET", "/api/v1/followups/" + id, AGENT, null).json().get("status").asText());
        assertEquals("the survey bundle was neither reinstalled nor refreshed", surveyBundleId, bundle("calmdesk-survey").getBundleId());
        assertEquals(surveyLastModified, bundle("calmdesk-survey").getLastModified());
        assertEquals(2, call("GET", "/api/v1/surveys/" + surveyId + "/report", AGENT, null).json().get("responded").asLong());
    }

    /**
     * Issue 19: a merge made while the ticket, follow-up and survey modules are uninstalled moves
     * their records of the source customer when they are installed again, from the event log.
     */
    @Test
    public void aMergeMadeWhileModulesAreUninstalledReachesThemWhenTheyComeBack() throws Exception {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> call("GET", "/api/v1/tickets", null, null).status() == 401
                && call("GET", "/api/v1/followups", null, null).status() == 401 && call("GET", "/api/v1/surveys", null, null).status() == 401);
        String target = created(call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "李娜"))));
        String source = created(call("POST", "/api/v1/customers", AGENT, json(Map.of("name", "李娜"))));
        String interaction = created(call("POST", "/api/v1/customers/" + source + "/interactions", AGENT,
                json(Map.of("channel", "PHONE", "direction", "INBOUND", "summary", "第二个号码来电"))));
        String ticket = created(call("POST", "/api/v1/tickets", AGENT, json(Map.of("customerId", source, "channel", "PHONE",
                "category", "BILLING", "subject", "重复扣费", "description", "同一笔费用扣了两次"))));
        String followUp = created(call("POST", "/api/v1/followups", AGENT, json(Map.of("customerId", source, "ticketId", ticket,
                "dueAt", Instant.now().plus(Duration.ofDays(1)).toString(), "channel", "PHONE", "purpose", "确认退款"))));
        String surveyId = created(call("POST", "/api/v1/surveys", ADMIN, json(Map.of("name", "Merged while away", "trigger", "MANUAL",
                "questions", List.of(Map.of("key", "csat", "type", "CSAT", "text", "满意吗？"))))));
        String invitation = created(call("POST", "/api/v1/surveys/" + surveyId + "/invitations", AGENT,
                json(Map.of("customerId", source, "channel", "SMS"))));

        executeCommand("feature:uninstall calmdesk-survey calmdesk-followup calmdesk-ticket");
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/v1/tickets", AGENT, null).status() == 404
                && call("GET", "/api/v1/followups", AGENT, null).status() == 404 && call("GET", "/api/v1/surveys", AGENT, null).status() == 404);
        Reply merged = call("POST", "/api/v1/customers/" + target + "/merge", AGENT, json(Map.of("sourceId", source)));
        assertEquals(merged.toString(), 200, merged.status());
        assertEquals(target, call("GET", "/api/v1/customers/" + source, AGENT, null).json().get("mergedInto").asText());
        assertTrue("the customer module moves the interaction itself",
                call("GET", "/api/v1/customers/" + target + "/interactions", AGENT, null).body().contains(interaction));

        executeCommand("feature:install calmdesk-ticket calmdesk-followup calmdesk-survey");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() -> {
            assertEquals(target, call("GET", "/api/v1/tickets/" + ticket, AGENT, null).json().get("customerId").asText());
            assertEquals(target, call("GET", "/api/v1/followups/" + followUp, AGENT, null).json().get("customerId").asText());
            assertEquals(List.of(invitation), ids(call("GET", "/api/v1/surveys/" + surveyId + "/invitations?customerId=" + target,
                    AGENT, null)));
        });
        assertEquals("nothing stays with the source", 0, call("GET", "/api/v1/tickets?customerId=" + source, AGENT, null)
                .json().get("items").size());
        String timeline = call("GET", "/api/v1/customers/" + target + "/timeline", AGENT, null).body();
        for (String id : List.of(interaction, ticket, followUp)) {
            assertTrue("the target's timeline shows " + id + ": " + timeline, timeline.contains(id));
        }
    }

    private static String created(Reply reply) {
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json().get("id").asText();
    }

    private static List<String> ids(Reply list) {
        List<String> ids = new java.util.ArrayList<>();
        list.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
