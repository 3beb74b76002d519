package org.calmdesk.survey.internal;

import java.time.Duration;
import java.util.function.Supplier;

import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.GoneException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.TooManyRequestsException;
import org.calmdesk.rest.RateLimits;
import org.calmdesk.rest.RateLimits.Decision;
import org.calmdesk.rest.RateLimits.Policy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Limits, body cap and client address of the open answer endpoints, from the live survey policy,
 * counted by the platform's {@link RateLimits}. Two separate allowances: lookups of tokens that do
 * not exist, per client address (guessing), and requests for one real token, from anywhere. A
 * guesser therefore exhausts only its own address's guesses, and respondents behind the same NAT
 * or proxy, whose tokens exist, are never counted against it.
 */
@Component(service = OpenEndpointPolicy.class)
public class OpenEndpointPolicy {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final SurveySettings settings;
    private final RateLimits limits;

    @Activate
    public OpenEndpointPolicy(@Reference SurveySettings settings, @Reference RateLimits limits) {
        this.settings = settings;
        this.limits = limits;
    }

    /**
     * Runs {@code lookup} (which reads the invitation of {@code token}) under both allowances.
     *
     * @throws TooManyRequestsException when the token, or the unknown-token guesses of the address, are over their allowance
     */
    public <T> T guarded(String token, String clientAddress, Supplier<T> lookup) {
        SurveyPolicy policy = settings.policy();
        Policy perToken = new Policy("survey-token", policy.requestsPerTokenPerMinute(), MINUTE);
        String tokenKey = "survey-token:" + token;
        Decision tokenState = limits.peek(perToken, tokenKey);
        if (!tokenState.allowed()) {
            throw new TooManyRequestsException("Too many requests for this invitation; try again shortly",
                    tokenState.retryAfterSeconds());
        }
        T result;
        try {
            result = lookup.get();
        } catch (NotFoundException unknown) {
            Decision guess = limits.consume(new Policy("survey-guess", policy.invalidTokenGuessesPerMinute(), MINUTE),
                    "survey-guess:" + clientAddress);
            if (!guess.allowed()) {
                throw new TooManyRequestsException("Too many unknown survey tokens from this address; try again shortly",
                        guess.retryAfterSeconds());
            }
            throw unknown;
        } catch (ConflictException | GoneException real) {
            // Answered or expired: the token exists, so this counts against the token, not the address.
            limits.consume(perToken, tokenKey);
            throw real;
        }
        limits.consume(perToken, tokenKey);
        return result;
    }

    public int maxAnswerBytes() {
        return settings.policy().maxAnswerBytes();
    }

    /** The first X-Forwarded-For address when configured to trust it, else the connection's. */
    public String clientAddress(String remoteAddress, String forwardedFor) {
        if (settings.policy().trustForwardedFor() && forwardedFor != null && !forwardedFor.isBlank()) {
            return forwardedFor.split(",")[0].trim();
        }
        return remoteAddress == null ? "unknown" : remoteAddress;
    }
}
