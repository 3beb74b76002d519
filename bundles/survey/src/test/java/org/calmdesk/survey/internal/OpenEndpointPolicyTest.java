package org.calmdesk.survey.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Period;
import java.util.HashMap;
import java.util.Map;

import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.TooManyRequestsException;
import org.calmdesk.rest.RateLimits;
import org.calmdesk.survey.api.InvitationChannel;
import org.junit.jupiter.api.Test;

/** Which allowance each open request is counted against; the counting itself is the platform's (Bucket4j). */
class OpenEndpointPolicyTest {

    /** Counts per policy and key; refuses past the quota (no refill: the tests are shorter than a window). */
    static final class CountingLimits implements RateLimits {
        final Map<String, Long> used = new HashMap<>();

        @Override
        public Decision consume(Policy policy, String key) {
            long n = used.merge(policy.name() + "|" + key, 1L, Long::sum);
            return n <= policy.quota() ? new Decision(true, policy.quota() - n, 0, 60) : new Decision(false, 0, 7, 7);
        }

        @Override
        public Decision peek(Policy policy, String key) {
            long n = used.getOrDefault(policy.name() + "|" + key, 0L);
            return n < policy.quota() ? new Decision(true, policy.quota() - n, 0, 0) : new Decision(false, 0, 7, 7);
        }
    }

    private final CountingLimits limits = new CountingLimits();
    private final OpenEndpointPolicy policy = new OpenEndpointPolicy(new SurveySettings(new SurveyPolicy(Period.ofDays(7), 3,
            false, 16_384, InvitationChannel.SMS, 70, SurveyPolicy.HeatedPolicy.NORMAL, Duration.ofDays(2), 60, 5)), limits);

    @Test
    void aGuesserBehindANatDoesNotLockOutARespondentBehindIt() {
        String nat = "203.0.113.9";
        for (int i = 0; i < 3; i++) {
            String guess = "guess-" + i;
            assertThrows(NotFoundException.class, () -> policy.guarded(guess, nat, () -> {
                throw new NotFoundException("Survey invitation", "token");
            }));
        }
        TooManyRequestsException limited = assertThrows(TooManyRequestsException.class, () -> policy.guarded("guess-4", nat, () -> {
            throw new NotFoundException("Survey invitation", "token");
        }));
        assertEquals(7L, limited.extensions().get("retryAfterSeconds"));
        assertEquals("form", policy.guarded("real-token", nat, () -> "form"), "a real token from the same address still works");
        assertThrows(NotFoundException.class, () -> policy.guarded("guess-5", "198.51.100.1", () -> {
            throw new NotFoundException("Survey invitation", "token");
        }), "another address keeps its own allowance");
    }

    @Test
    void oneRealTokenHasItsOwnAllowanceFromAnyAddress() {
        for (int i = 0; i < 4; i++) {
            policy.guarded("token-a", "10.0.0." + i, () -> "form");
        }
        assertThrows(ConflictException.class, () -> policy.guarded("token-a", "10.0.0.9", () -> {
            throw new ConflictException("already answered");
        }), "an answered token still counts as a real one");
        assertThrows(TooManyRequestsException.class, () -> policy.guarded("token-a", "10.0.0.10", () -> "form"));
        assertEquals("form", policy.guarded("token-b", "10.0.0.10", () -> "form"));
        assertEquals(null, limits.used.get("survey-guess|survey-guess:10.0.0.10"), "real tokens never count as guesses");
    }

    @Test
    void aRefusedTokenIsNotLookedUp() {
        for (int i = 0; i < 5; i++) {
            policy.guarded("token-c", "10.0.1.1", () -> "form");
        }
        assertThrows(TooManyRequestsException.class, () -> policy.guarded("token-c", "10.0.1.1", () -> {
            throw new AssertionError("looked up while over the allowance");
        }));
    }
}
