package org.calmdesk.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final ManualTime time = new ManualTime();
    private final BucketRateLimits limits = new BucketRateLimits(new MemoryBucketStore(time));
    private final RateLimitSettings settings = RateLimitSettings.from(config(Map.of(
            "loginFailuresPerUser", 3, "loginFailuresPerAddress", 10, "loginWindowSeconds", 60)));
    private final LoginThrottle throttle = new LoginThrottle(limits, () -> settings);

    static RateLimitConfig config(Map<String, Object> overrides) {
        return (RateLimitConfig) Proxy.newProxyInstance(RateLimitConfig.class.getClassLoader(), new Class<?>[] { RateLimitConfig.class },
                (proxy, method, args) -> overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                        : method.getDefaultValue());
    }

    @Test
    void aUserIsLockedAfterItsFailuresWhateverTheAddress() {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, throttle.lockedForSeconds("agent", "10.0.0." + i));
            throttle.failed("agent", "10.0.0." + i);
        }
        long wait = throttle.lockedForSeconds("agent", "10.0.0.99");
        assertEquals(20, wait, "one failure comes back every 60/3 s");
        assertEquals(wait, throttle.lockedForSeconds("AGENT", "10.0.0.99"), "user names are case-folded");
        assertEquals(0, throttle.lockedForSeconds("integration", "10.0.0.99"), "other users are not affected");
        time.advance(Duration.ofSeconds(20));
        assertEquals(0, throttle.lockedForSeconds("agent", "10.0.0.99"));
    }

    @Test
    void unknownAndKnownUsersAreCountedAlike() {
        // The throttle never asks whether a user exists: "nobody" is locked exactly like "agent".
        for (int i = 0; i < 3; i++) {
            throttle.failed("agent", "10.0.1.1");
            throttle.failed("nobody", "10.0.1.2");
        }
        assertEquals(throttle.lockedForSeconds("agent", "10.0.9.9"), throttle.lockedForSeconds("nobody", "10.0.9.9"));
        assertTrue(throttle.lockedForSeconds("nobody", "10.0.9.9") > 0);
    }

    @Test
    void anAddressIsLockedAfterItsFailuresWhateverTheUser() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("user" + i, "192.0.2.7");
        }
        assertTrue(throttle.lockedForSeconds("someone-else", "192.0.2.7") > 0);
        assertTrue(throttle.lockedForSeconds(null, "192.0.2.7") > 0, "unreadable credentials too");
        assertEquals(0, throttle.lockedForSeconds("someone-else", "192.0.2.8"));
    }

    @Test
    void unreadableCredentialsCountForTheAddressOnly() {
        for (int i = 0; i < 10; i++) {
            throttle.failed(null, "192.0.2.9");
        }
        assertTrue(throttle.lockedForSeconds(null, "192.0.2.9") > 0);
        assertEquals(0, throttle.lockedForSeconds("agent", "192.0.2.10"));
    }

    @Test
    void theClaimedUserComesFromBasicCredentials() {
        assertEquals("agent", LoginThrottle.claimedUser(basic("agent:secret:with:colons")));
        assertEquals("王芳", LoginThrottle.claimedUser(basic("王芳:pw")));
        assertNull(LoginThrottle.claimedUser(basic(":nouser")));
        assertNull(LoginThrottle.claimedUser(basic("nocolon")));
        assertNull(LoginThrottle.claimedUser("Basic %%%"));
        assertNull(LoginThrottle.claimedUser("Bearer abc"));
        assertNull(LoginThrottle.claimedUser(null));
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
