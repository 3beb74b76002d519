package org.calmdesk.rest.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Supplier;

import org.calmdesk.rest.RateLimits;
import org.calmdesk.rest.RateLimits.Decision;

/**
 * Failed-login throttling per claimed user name and per client address. The lockout is checked
 * before the password, so while it lasts the right password is refused like a wrong one, and an
 * unknown user name is counted like a known one: a 429 says nothing about either.
 */
final class LoginThrottle {

    private final RateLimits limits;
    private final Supplier<RateLimitSettings> settings;

    LoginThrottle(RateLimits limits, Supplier<RateLimitSettings> settings) {
        this.limits = limits;
        this.settings = settings;
    }

    /** Seconds until a login for {@code user} from {@code address} may be tried again; 0 when it may now. */
    long lockedForSeconds(String user, String address) {
        RateLimitSettings current = settings.get();
        // The address first: a locked address never gets to have its made-up user names looked at.
        long wait = waitOf(limits.peek(current.loginPerAddress(), address));
        if (wait == 0 && user != null) {
            wait = waitOf(limits.peek(current.loginPerUser(), userKey(user)));
        }
        return wait;
    }

    /** Counts one failed login; {@code user} is null when the credentials could not even be read. */
    void failed(String user, String address) {
        RateLimitSettings current = settings.get();
        if (user != null) {
            limits.consume(current.loginPerUser(), userKey(user));
        }
        limits.consume(current.loginPerAddress(), address);
    }

    private static long waitOf(Decision decision) {
        return decision.allowed() ? 0 : decision.retryAfterSeconds();
    }

    /** Case-folded, so "Admin" and "admin" share one allowance. */
    private static String userKey(String user) {
        return user.toLowerCase(Locale.ROOT);
    }

    /** The user name an HTTP Basic header claims, or null when it is not readable Basic credentials. */
    static String claimedUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
