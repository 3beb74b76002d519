package org.calmdesk.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ProblemResponsesTest {

    @Test
    void statusIsAlwaysTheHttpStatusWhateverTheExtensionsSay() {
        Map<String, Object> body = ProblemResponses.body(409, "Conflict", "No such move", "/api/v1/tickets/1", "c-1",
                Map.of("status", "NEW", "currentStatus", "NEW", "allowed", java.util.List.of("ACKNOWLEDGED")));
        assertEquals(409, body.get("status"));
        assertEquals("NEW", body.get("currentStatus"));
        assertEquals("urn:calmdesk:problem:conflict", body.get("type"));
        assertEquals("c-1", body.get("correlationId"));
    }

    @Test
    void sanitizeKeepsLogsSingleLineAndBounded() {
        assertEquals("a?b", ProblemResponses.sanitize("a\nb"));
        assertEquals(203, ProblemResponses.sanitize("x".repeat(500)).length());
    }

    @Test
    void everyUnavailableAnswerSaysWhenToRetry() {
        javax.ws.rs.core.Response response = ProblemResponses.unavailable("The customer module is stopping", "/api/v1/customers/1",
                "c-2", Map.of("module", "customer"));
        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString("Retry-After"));
        assertEquals(503, ((Map<?, ?>) response.getEntity()).get("status"));
        assertEquals("customer", ((Map<?, ?>) response.getEntity()).get("module"));
    }
}
