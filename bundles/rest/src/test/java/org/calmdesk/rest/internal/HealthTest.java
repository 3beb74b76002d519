package org.calmdesk.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class HealthTest {

    private static final List<Health.ModuleHealth> SERVING = List.of(new Health.ModuleHealth("customer", "1.0.0", "ACTIVE", true, null));

    /** Issue 18: a restarted node said ready while its idempotency store was still migrating, and answered creates 503. */
    @Test
    void aNodeIsNotReadyWhileAPlatformServiceIsMissing() {
        assertEquals(Health.Status.UP, Health.status(true, SERVING, null));
        assertEquals(Health.Status.DEGRADED, Health.status(true, SERVING, "idempotency keys cannot be checked yet"));
        assertEquals(Health.Status.DOWN, Health.status(false, SERVING, "idempotency keys cannot be checked yet"));
        assertEquals(Health.Status.DEGRADED,
                Health.status(true, List.of(new Health.ModuleHealth("ticket", "1.0.0", "RESOLVED", false, "stopped")), null));
    }
}
