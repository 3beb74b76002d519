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
 * only, and the modules untouched by the others leaving and coming back.
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
}
