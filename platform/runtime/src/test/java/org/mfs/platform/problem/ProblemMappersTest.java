package org.mfs.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;

import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ProblemMappersTest {

    final ProblemMappers mappers = new ProblemMappers(new ObjectMapper(), new org.mfs.platform.api.AllowedMethods(null));

    @Test
    void aUniqueViolationLostInARaceIsAConflictNotAnInternalError() {
        Response r = mappers.unexpected(new PersistenceException(new ConstraintViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"), "agreement_reference_key")),
                null);
        assertEquals(409, r.getStatus());
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
        assertTrue(r.getEntity().toString().contains("urn:mfs:problem:conflict"));
        assertFalse(r.getEntity().toString().contains("agreement_reference_key"), "no database internals in responses");
    }

    @Test
    void aLostOptimisticLockIsAConflict() {
        Response r = mappers.unexpected(new RuntimeException(new OptimisticLockException("stale")), null);
        assertEquals(409, r.getStatus());
        assertTrue(r.getEntity().toString().contains("urn:mfs:problem:concurrent-update"));
    }

    @Test
    void aConnectionAttemptCutShortByThePoolIsA503NotAnInternalError() {
        // as seen under overload: Agroal stops waiting for a new connection, pgjdbc reports the interrupted attempt
        SQLException driver = new SQLException("Something unusual has occurred to cause the driver to fail. Please report"
                + " this exception.", "99999", new RuntimeException("Interrupted while attempting to connect."));
        Response r = mappers.unexpected(new org.hibernate.exception.GenericJDBCException("Unable to acquire JDBC Connection",
                driver), null);
        assertEquals(503, r.getStatus());
        assertEquals("5", r.getHeaderString("Retry-After"));
        assertTrue(r.getEntity().toString().contains("urn:mfs:problem:service-unavailable"));
    }

    @Test
    void aLostOptimisticLockOnAConditionalWriteIsAStalePrecondition() {
        var headers = (jakarta.ws.rs.core.HttpHeaders) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { jakarta.ws.rs.core.HttpHeaders.class },
                (proxy, method, args) -> method.getName().equals("getHeaderString") && "If-Match".equals(args[0]) ? "\"3\"" : null);
        Response r = mappers.unexpected(new RuntimeException(new OptimisticLockException("stale")), null, headers);
        assertEquals(412, r.getStatus());
        assertTrue(r.getEntity().toString().contains("urn:mfs:problem:precondition-failed"));
    }

    @Test
    void anythingElseIsA500WithAnIncidentIdAndNoStackTrace() {
        Response r = mappers.unexpected(new IllegalStateException("secret internals"), null);
        assertEquals(500, r.getStatus());
        String body = r.getEntity().toString();
        assertTrue(body.contains("incident"));
        assertFalse(body.contains("secret internals"));
        assertFalse(body.contains("IllegalStateException"));
    }
}
