package org.calmdesk.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.calmdesk.rest.RateLimits.Decision;
import org.calmdesk.rest.RateLimits.Policy;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    private final Policy agents = new Policy("crm-agent", 6000, Duration.ofMinutes(1));

    @Test
    void thePolicyStatesQuotaAndWindow() {
        assertEquals("\"crm-agent\";q=6000;w=60", RateLimitHeaders.policy(agents));
        assertEquals("\"login\";q=10;w=300", RateLimitHeaders.policy(new Policy("login", 10, Duration.ofMinutes(5))));
    }

    @Test
    void theFieldStatesRemainingAndReset() {
        assertEquals("\"crm-agent\";r=5999;t=1", RateLimitHeaders.rateLimit(agents, new Decision(true, 5999, 0, 1)));
        assertEquals("\"crm-agent\";r=0;t=7", RateLimitHeaders.rateLimit(agents, new Decision(false, 0, 7, 7)),
                "refused: the reset is the Retry-After moment");
    }

    @Test
    void policyNamesAreValidStructuredFieldStrings() {
        assertEquals("\"a\\\"b\\\\c_\"", RateLimitHeaders.quoted("a\"b\\c\u00e9"));
    }

    @Test
    void theMostGenerousRoleDecides() {
        RateLimitSettings settings = RateLimitSettings.from(LoginThrottleTest.config(Map.of(
                "agentRequestsPerMinute", 100, "integrationRequestsPerMinute", 500, "adminRequestsPerMinute", 0)));
        assertEquals("crm-integration", settings.apiPolicy(Set.of("crm-agent", "crm-integration")).name());
        assertEquals(0, settings.apiPolicy(Set.of("crm-agent", "crm-admin")).quota(), "no limit beats any quota");
        assertEquals("authenticated", settings.apiPolicy(Set.of("viewer")).name());
    }

    @Test
    void securityHeadersAreTheFourOfTheContract() {
        assertEquals(Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY",
                "Referrer-Policy", "no-referrer"), org.calmdesk.rest.SecurityHeaders.ALL);
    }
}
