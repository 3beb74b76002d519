package org.calmdesk.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class NodeDrainTest {

    @Test
    void aDrainingNodeIsNotReadyUntilItIsPutBack() {
        NodeDrain drain = new NodeDrain();
        List<Health.ModuleHealth> serving = List.of(new Health.ModuleHealth("customer", "1.0.0", "ACTIVE", true, null));
        assertNull(drain.reason());
        assertFalse(drain.stop("admin"), "not draining: nothing to stop");

        drain.start("admin", Instant.parse("2026-12-02T10:00:00.123Z"));
        drain.start("other", Instant.parse("2026-12-02T11:00:00Z"));
        assertEquals("draining since 2026-12-02T10:00:00Z (calmdesk:drain by admin): out of the load balancer's rotation, "
                + "requests are still served", drain.reason(), "the first start is kept");
        assertEquals(Health.Status.DEGRADED, Health.status(true, serving, drain.reason()));

        assertTrue(drain.stop("admin"));
        assertNull(drain.reason());
        assertEquals(Health.Status.UP, Health.status(true, serving, drain.reason()));
    }
}
