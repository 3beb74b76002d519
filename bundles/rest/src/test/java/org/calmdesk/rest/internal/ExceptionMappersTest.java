package org.calmdesk.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Map;
import java.util.NoSuchElementException;

import javax.persistence.PersistenceException;
import javax.ws.rs.core.Response;

import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.TooManyRequestsException;
import org.calmdesk.core.error.UnavailableException;
import org.junit.jupiter.api.Test;

/** Failures leave as problems with the right status; nothing internal reaches the body. */
class ExceptionMappersTest {

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfter() {
        SQLException refused = new SQLException("Connection to 10.0.0.5:5432 refused", "08001", new ConnectException("refused"));
        Response response = new ExceptionMappers.FaultMapper().toResponse(new PersistenceException("Exception [EclipseLink-4002]", refused));
        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString("Retry-After"));
        Map<?, ?> body = (Map<?, ?>) response.getEntity();
        assertEquals(503, body.get("status"));
        assertEquals(false, body.get("detail").toString().contains("10.0.0.5"), "no internals in the body");
    }

    @Test
    void anExhaustedPoolIsA503() {
        SQLException pool = new SQLException("Cannot get a connection, pool error Timeout waiting for idle object",
                new NoSuchElementException("Timeout waiting for idle object, borrowMaxWaitDuration=PT5S"));
        assertEquals(503, new ExceptionMappers.FaultMapper().toResponse(new PersistenceException(pool)).getStatus());
    }

    @Test
    void aFailedStatementIsStillAFault() {
        SQLException syntax = new SQLException("syntax error", "42601");
        Response response = new ExceptionMappers.FaultMapper().toResponse(new PersistenceException(syntax));
        assertEquals(500, response.getStatus());
        assertEquals(null, response.getHeaderString("Retry-After"));
    }

    @Test
    void aFailureWhileTheModuleGoesAwayIsA503() {
        IllegalStateException closed = new IllegalStateException("Attempting to execute an operation on a closed EntityManager.");
        Response stopping = new ExceptionMappers.FaultMapper(() -> true).toResponse(closed);
        assertEquals(503, stopping.getStatus());
        assertEquals("5", stopping.getHeaderString("Retry-After"));
        assertEquals(500, new ExceptionMappers.FaultMapper(() -> false).toResponse(closed).getStatus(), "a running module's failure is a fault");
    }

    @Test
    void domainExceptionsCarryRetryAfterWhenTheyHaveOne() {
        Response unavailable = new ExceptionMappers.DomainMapper().toResponse(new UnavailableException("The customer module is not running"));
        assertEquals(503, unavailable.getStatus());
        assertEquals("5", unavailable.getHeaderString("Retry-After"));
        Response limited = new ExceptionMappers.DomainMapper().toResponse(new TooManyRequestsException("slow down", 7));
        assertEquals(429, limited.getStatus());
        assertEquals("7", limited.getHeaderString("Retry-After"));
        Response conflict = new ExceptionMappers.DomainMapper().toResponse(
                new ConflictException("No such move", Map.of("currentStatus", "NEW")));
        assertEquals(409, ((Map<?, ?>) conflict.getEntity()).get("status"));
        assertEquals(null, conflict.getHeaderString("Retry-After"));
    }

    @Test
    void aClientThatWentAwayIsNotAFault() {
        assertEquals(true, ExceptionMappers.FaultMapper.isClientGone(new RuntimeException(new java.io.IOException("Broken pipe"))));
        assertEquals(true, ExceptionMappers.FaultMapper.isClientGone(new java.nio.channels.ClosedChannelException()));
        assertEquals(false, ExceptionMappers.FaultMapper.isClientGone(new IllegalStateException("bug")));
    }
}
