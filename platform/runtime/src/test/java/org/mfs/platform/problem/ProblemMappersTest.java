package org.mfs.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;

import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.mfs.platform.json.StrictJsonCustomizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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

    record Party(String country, String role) {
    }

    record Body(String title, List<Party> parties) {
    }

    /** The problem a request body gets when the services' own reader (strict, as configured) cannot read it. */
    private JsonNode problemFor(byte[] body) throws Exception {
        ObjectMapper strict = new ObjectMapper();
        new StrictJsonCustomizer().customize(strict);
        try {
            strict.readValue(body, Body.class);
        } catch (JsonProcessingException e) {
            Response r = mappers.json(e, null);
            assertEquals(400, r.getStatus());
            assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
            return new ObjectMapper().readTree(r.getEntity().toString());
        }
        throw new AssertionError("read without error: " + new String(body, StandardCharsets.UTF_8));
    }

    private JsonNode problemFor(String body) throws Exception {
        return problemFor(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bodiesThatAreNotJsonAreSaidToBeMalformedEvenInsideAField() throws Exception {
        // each was answered "title: has the wrong type or format", which sent the caller to check the field's type
        String[][] cases = { { "{\"title\": \"cut short", "Unexpected end-of-input" },
                { "{\"title\": \"a\\qb\"}", "Unrecognized character escape 'q'" },
                { "{\"title\": \"a\tb\"}", "CTRL-CHAR, code 9" } };
        for (String[] c : cases) {
            JsonNode p = problemFor(c[0]);
            assertEquals("urn:mfs:problem:malformed-json", p.path("type").asText(), c[0]);
            String detail = p.path("detail").asText();
            assertTrue(detail.startsWith("the request body is not valid JSON at line 1, column "), detail);
            assertTrue(detail.contains("in 'title'") && detail.contains(c[1]), detail);
            assertEquals("title", p.path("errors").path(0).path("field").asText(), c[0]);
            assertFalse(detail.contains("Source"), "no parser internals: " + detail);
        }
        JsonNode nested = problemFor("{\"title\": \"x\", \"parties\": [{\"country\": \"C");
        assertEquals("parties[0].country", nested.path("errors").path(0).path("field").asText(), nested.toString());
    }

    @Test
    void bytesThatAreNotUtf8AreNamedAsSuch() throws Exception {
        byte[] latin1 = "{\"title\": \"S\u00e3o Tom\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        JsonNode p = problemFor(latin1);
        assertEquals("urn:mfs:problem:malformed-json", p.path("type").asText());
        assertTrue(p.path("detail").asText().startsWith("the request body is not UTF-8 text, which JSON must be (RFC 8259"),
                p.toString());
        assertEquals("title", p.path("errors").path(0).path("field").asText());
    }

    @Test
    void aKeyTwiceInANestedObjectIsNamedWithItsPlace() throws Exception {
        JsonNode top = problemFor("{\"title\": \"a\", \"title\": \"b\"}");
        assertEquals("urn:mfs:problem:duplicate-key", top.path("type").asText(), top.toString());
        assertEquals("title", top.path("errors").path(0).path("field").asText(), top.toString());
        JsonNode nested = problemFor("{\"parties\": [{\"country\": \"CD\", \"country\": \"US\"}]}");
        assertEquals("urn:mfs:problem:duplicate-key", nested.path("type").asText(), nested.toString());
        assertEquals("parties[0].country", nested.path("errors").path(0).path("field").asText(), nested.toString());
    }
}
