package org.calmdesk.events.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineConnectionsTest {

    /** The shared pool as pax-jdbc makes it, two connections, a request waits 200 ms at most. */
    private final BasicDataSource shared = new BasicDataSource();

    PipelineConnectionsTest() {
        shared.setUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        shared.setMaxTotal(2);
        shared.setMaxWait(java.time.Duration.ofMillis(200));
    }

    @AfterEach
    void tearDown() throws SQLException {
        shared.close();
    }

    @Test
    void thePipelineKeepsItsConnectionWhileRequestsHoldEveryOtherOneAndGivesItBackWhenClosed() throws SQLException {
        PipelineConnections pipeline = new PipelineConnections(shared, 1);
        try (Connection first = pipeline.getConnection()) {
            assertTrue(first.isValid(1));
        }
        try (Connection request = shared.getConnection()) {
            assertThrows(SQLException.class, shared::getConnection, "the shared pool is exhausted: a second request waits and fails");
            long started = System.nanoTime();
            try (Connection own = pipeline.getConnection()) {
                assertTrue(own.isValid(1), "the pipeline's own connection, at once");
            }
            assertTrue(System.nanoTime() - started < 150_000_000L, "without waiting behind the requests");
        }
        pipeline.close();
        try (Connection a = shared.getConnection(); Connection b = shared.getConnection()) {
            assertTrue(a.isValid(1) && b.isValid(1), "both connections are the shared pool's again");
        }
    }
}
