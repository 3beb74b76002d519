package org.calmdesk.rest.internal;

import org.calmdesk.rest.RateLimits.Decision;
import org.calmdesk.rest.RateLimits.Policy;

/**
 * The {@code RateLimit} and {@code RateLimit-Policy} fields of draft-ietf-httpapi-ratelimit-headers
 * (structured fields: the policy name as a String item, {@code q} quota and {@code w} window in
 * seconds; {@code r} remaining and {@code t} seconds until the quota is whole again).
 */
final class RateLimitHeaders {

    static final String POLICY = "RateLimit-Policy";
    static final String RATE_LIMIT = "RateLimit";

    private RateLimitHeaders() {
    }

    static String policy(Policy policy) {
        return quoted(policy.name()) + ";q=" + policy.quota() + ";w=" + policy.windowSeconds();
    }

    static String rateLimit(Policy policy, Decision decision) {
        long reset = decision.allowed() ? decision.resetSeconds() : decision.retryAfterSeconds();
        return quoted(policy.name()) + ";r=" + Math.max(0, decision.remaining()) + ";t=" + Math.max(0, reset);
    }

    /** An sf-string: printable ASCII with backslash and quote escaped. */
    static String quoted(String name) {
        StringBuilder out = new StringBuilder(name.length() + 2).append('"');
        for (char c : name.toCharArray()) {
            if (c < 0x20 || c > 0x7e) {
                out.append('_');
            } else {
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
