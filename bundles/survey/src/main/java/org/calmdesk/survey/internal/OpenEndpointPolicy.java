package org.calmdesk.survey.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Rate limit, body cap and client address of the open answer endpoints, from the live survey policy. */
@Component(service = OpenEndpointPolicy.class)
public class OpenEndpointPolicy {

    private final SurveySettings settings;
    private final RateLimiter limiter = new RateLimiter();

    @Activate
    public OpenEndpointPolicy(@Reference SurveySettings settings) {
        this.settings = settings;
    }

    public boolean admit(String clientAddress) {
        return limiter.tryAcquire(clientAddress, settings.policy().rateLimitPerMinute(), System.currentTimeMillis());
    }

    public long retryAfterSeconds() {
        return RateLimiter.retryAfterSeconds(System.currentTimeMillis());
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
