package org.calmdesk.rest.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.calmdesk.rest.RateLimits.Policy;
import org.calmdesk.rest.Roles;

/** One parsed snapshot of PID {@code calmdesk.ratelimit}. */
record RateLimitSettings(Store store, Policy loginPerUser, Policy loginPerAddress, Map<String, Policy> roles,
        Policy otherUsers, boolean trustForwardedFor) {

    enum Store {
        MEMORY, POSTGRESQL
    }

    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** @throws IllegalArgumentException naming the attribute that is out of range */
    static RateLimitSettings from(RateLimitConfig c) {
        Store store;
        try {
            store = Store.valueOf(c.store().trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("store: MEMORY or POSTGRESQL, not '" + c.store() + "'");
        }
        if (c.loginWindowSeconds() < 1) {
            throw new IllegalArgumentException("loginWindowSeconds must be at least 1");
        }
        Duration loginWindow = Duration.ofSeconds(c.loginWindowSeconds());
        return new RateLimitSettings(store,
                new Policy("login-user", nonNegative("loginFailuresPerUser", c.loginFailuresPerUser()), loginWindow),
                new Policy("login-address", nonNegative("loginFailuresPerAddress", c.loginFailuresPerAddress()), loginWindow),
                Map.of(Roles.ADMIN, new Policy(Roles.ADMIN, nonNegative("adminRequestsPerMinute", c.adminRequestsPerMinute()), MINUTE),
                        Roles.AGENT, new Policy(Roles.AGENT, nonNegative("agentRequestsPerMinute", c.agentRequestsPerMinute()), MINUTE),
                        Roles.INTEGRATION, new Policy(Roles.INTEGRATION,
                                nonNegative("integrationRequestsPerMinute", c.integrationRequestsPerMinute()), MINUTE)),
                new Policy("authenticated", nonNegative("otherRequestsPerMinute", c.otherRequestsPerMinute()), MINUTE),
                c.trustForwardedFor());
    }

    private static int nonNegative(String attribute, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(attribute + " must be 0 (no limit) or more");
        }
        return value;
    }

    /** The most generous policy among the user's roles: no limit beats any quota. */
    Policy apiPolicy(Set<String> userRoles) {
        Policy best = null;
        for (String role : userRoles) {
            Policy policy = roles.get(role);
            if (policy != null && (best == null || policy.unlimited()
                    || (!best.unlimited() && policy.quota() > best.quota()))) {
                best = policy;
            }
        }
        return best == null ? otherUsers : best;
    }
}
