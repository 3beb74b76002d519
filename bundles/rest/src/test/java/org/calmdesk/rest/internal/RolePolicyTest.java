package org.calmdesk.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.calmdesk.rest.Roles;
import org.junit.jupiter.api.Test;

/** The role table says what API.md says, and fails closed for paths it does not know. */
class RolePolicyTest {

    private static boolean may(String role, String method, String path) {
        return RolePolicy.rolesFor(method, path).contains(role);
    }

    @Test
    void healthAndSurveyAnswersAreOpen() {
        assertSame(RolePolicy.OPEN, RolePolicy.rolesFor("GET", "/v1/health"));
        assertSame(RolePolicy.OPEN, RolePolicy.rolesFor("GET", "/v1/health/ready"));
        assertSame(RolePolicy.OPEN, RolePolicy.rolesFor("POST", "/v1/survey-responses/tok-123"));
        assertFalse(RolePolicy.isOpen("GET", "/v1/healthy"), "a prefix of a segment is not the segment");
        assertFalse(RolePolicy.isOpen("GET", "/v1/customers"));
    }

    @Test
    void theApiExplorerIsOpenToReadButTheDocumentUnderV1IsNot() {
        assertSame(RolePolicy.OPEN, RolePolicy.rolesFor("GET", "/docs"));
        assertSame(RolePolicy.OPEN, RolePolicy.rolesFor("GET", "/docs/swagger-ui-bundle.js"));
        assertSame(RolePolicy.OPEN, RolePolicy.rolesFor("GET", "/docs/openapi.json"));
        assertFalse(RolePolicy.isOpen("POST", "/docs/openapi.json"));
        assertFalse(RolePolicy.isOpen("GET", "/v1/openapi.json"), "API.md: only health and survey answers are open under /v1");
        assertFalse(RolePolicy.isOpen("GET", "/docsx"));
    }

    @Test
    void integrationsUpsertCustomersOpenTicketsAndRead() {
        String integration = Roles.INTEGRATION;
        assertTrue(may(integration, "POST", "/v1/customers"));
        assertTrue(may(integration, "PUT", "/v1/customers/external/crm-42"));
        assertTrue(may(integration, "PUT", "/v1/customers/abc"));
        assertTrue(may(integration, "POST", "/v1/tickets"));
        assertTrue(may(integration, "GET", "/v1/agents/exposure"));
        assertTrue(may(integration, "GET", "/v1/tickets/abc/history"));
        assertFalse(may(integration, "DELETE", "/v1/customers/abc"));
        assertFalse(may(integration, "POST", "/v1/followups"));
        assertFalse(may(integration, "POST", "/v1/surveys/s1/invitations"));
        assertFalse(may(integration, "POST", "/v1/articles/a1/feedback"));
        assertFalse(may(integration, "POST", "/v1/tickets/t1/transitions"));
        assertFalse(may(integration, "POST", "/v1/customers/c1/merge"), "merging duplicates is an agent's judgement");
        assertTrue(may(integration, "GET", "/v1/customers/c1/duplicates"));
    }

    @Test
    void agentsAndAdminsMergeCustomers() {
        assertEquals(Set.of(Roles.ADMIN, Roles.AGENT), RolePolicy.rolesFor("POST", "/v1/customers/c1/merge"));
    }

    @Test
    void agentsAndAdminsMergeAndSplitTicketsButIntegrationsDoNot() {
        assertEquals(Set.of(Roles.ADMIN, Roles.AGENT), RolePolicy.rolesFor("POST", "/v1/tickets/t1/merge"));
        assertEquals(Set.of(Roles.ADMIN, Roles.AGENT), RolePolicy.rolesFor("POST", "/v1/tickets/t1/split"));
        assertFalse(may(Roles.INTEGRATION, "POST", "/v1/tickets/t1/merge"), "merging duplicates is an agent's judgement");
        assertFalse(may(Roles.INTEGRATION, "POST", "/v1/tickets/t1/split/"));
        assertTrue(may(Roles.INTEGRATION, "POST", "/v1/tickets"), "a CRM still opens tickets");
    }

    @Test
    void agentsDoDailyWorkButNeitherEraseNorConfigure() {
        String agent = Roles.AGENT;
        assertTrue(may(agent, "POST", "/v1/tickets/t1/transitions"));
        assertTrue(may(agent, "POST", "/v1/followups/f1/complete"));
        assertTrue(may(agent, "POST", "/v1/surveys/s1/invitations"));
        assertFalse(may(agent, "DELETE", "/v1/customers/c1"));
        assertFalse(may(agent, "POST", "/v1/surveys"));
        assertFalse(may(agent, "PUT", "/v1/surveys/s1"));
        assertFalse(may(agent, "POST", "/v1/articles/import"));
        assertFalse(may(agent, "GET", "/v1/webhooks"), "webhooks carry secrets: admin only, reads too");
    }

    @Test
    void adminMayDoEverythingAndUnknownPathsAreAdminOnly() {
        for (String method : new String[] { "GET", "POST", "PUT", "DELETE" }) {
            assertTrue(may(Roles.ADMIN, method, "/v1/customers/c1"));
        }
        assertEquals(Set.of(Roles.ADMIN), RolePolicy.rolesFor("POST", "/v2/anything"));
        assertEquals(Set.of(Roles.ADMIN), RolePolicy.rolesFor("GET", "/elsewhere"));
    }

    @Test
    void aTrailingSlashIsTheSamePath() {
        assertEquals(RolePolicy.rolesFor("DELETE", "/v1/customers/c1"), RolePolicy.rolesFor("DELETE", "/v1/customers/c1/"));
    }
}
