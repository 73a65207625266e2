package org.mfs.platform.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.mfs.platform.api.AllowedMethods;
import org.mfs.platform.framing.Refusals;
import org.mfs.platform.json.RefusedValue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response. A client never sees a
 * stack trace; an unexpected failure is logged with an id that the 500 response repeats.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final String TYPE_PREFIX = "urn:mfs:problem:";

    private static final Map<Integer, String[]> BY_STATUS = Map.of(
            400, new String[] { "bad-request", "Bad request" },
            401, new String[] { "unauthorized", "Authentication required" },
            403, new String[] { "forbidden", "Not allowed" },
            404, new String[] { "not-found", "Resource not found" },
            405, new String[] { "method-not-allowed", "Method not allowed" },
            406, new String[] { "not-acceptable", "Response media type not available" },
            409, new String[] { "conflict", "Conflict with the current state" },
            412, new String[] { "precondition-failed", "Precondition failed" },
            415, new String[] { "unsupported-media-type", "Unsupported media type" },
            428, new String[] { "precondition-required", "Precondition required" });

    private final ObjectMapper mapper;
    private final AllowedMethods allowedMethods;

    public ProblemMappers(ObjectMapper mapper, AllowedMethods allowedMethods) {
        this.mapper = mapper;
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.type(), e.title(), e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return respond(400, "validation-failed", "Request is invalid", detail, uri, errors);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    /** Declared separately: Quarkus ships its own mapper for this type, and the most specific mapper wins. */
    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidQueryParameter(InvalidQueryParameter e, UriInfo uri) {
        return problem(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, jakarta.ws.rs.core.HttpHeaders headers,
            ResourceInfo resource, jakarta.ws.rs.core.Request request) {
        String contentType = headers == null ? null : headers.getHeaderString("Content-Type");
        String accept = headers == null ? null : headers.getHeaderString("Accept");
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof JsonProcessingException jpe) {
                return jsonProblem(jpe, uri);
            }
            cause = cause.getCause();
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        UnreadableParameters.Finding unreadable = status == 404
                ? UnreadableParameters.of(e, uri, resource == null ? null : resource.getResourceMethod())
                : null;
        if (unreadable != null && !unreadable.inPath()) {
            // JAX-RS answers 404 when a query parameter cannot be converted; the resource exists, the request is bad
            return problem(ProblemException.invalid(unreadable.parameter(), unreadable.message()), uri);
        }
        if (status == 404 && unreadable == null && uri != null && request != null
                && !allowedHere(allowedMethods.allow(uri.getPath()), request.getMethod())) {
            // a path that exists, asked with a method it does not have: Quarkus REST answers 404 when that path's
            // other methods live in another resource class (DELETE /api/v1/agreements/{id}/obligations)
            status = 405;
        }
        String[] kind = BY_STATUS.getOrDefault(status, new String[] { "client-error", "Client error" });
        // a 405 must say what is allowed (RFC 9110, 15.5.6); Quarkus REST's own 405 does not
        String allow = status != 405 ? null
                : e.getResponse().getHeaderString("Allow") != null ? e.getResponse().getHeaderString("Allow")
                : uri == null ? null : allowedMethods.allow(uri.getPath());
        String detail = switch (status) {
            case 404 -> "no resource at " + uri.getPath();
            case 405 -> Refusals.methodNotAllowed(uri.getPath(), allow);
            case 406 -> Refusals.notAcceptable(accept);
            case 415 -> "this operation does not accept a request body of type "
                    + (contentType == null ? "(none)" : "'" + contentType + "'") + "; see its requestBody in the OpenAPI document";
            default -> e.getMessage();
        };
        Response r = respond(status, kind[0], kind[1], detail, uri, null);
        if (allow != null) {
            return Response.fromResponse(r).header("Allow", allow).build();
        }
        return r;
    }

    /** {@link #unexpected(Throwable, UriInfo, jakarta.ws.rs.core.HttpHeaders)} for a request without headers. */
    public Response unexpected(Throwable e, UriInfo uri) {
        return unexpected(e, uri, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, jakarta.ws.rs.core.HttpHeaders headers) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof org.hibernate.exception.ConstraintViolationException cv && "23505".equals(cv.getSQLState())) {
                // a concurrent request won the race for a unique value the service had checked
                return respond(409, "conflict", "Conflict with the current state",
                        "a resource with the same unique value already exists", uri, null);
            }
            if (c instanceof jakarta.persistence.OptimisticLockException || c instanceof org.hibernate.StaleStateException) {
                if (headers != null && headers.getHeaderString("If-Match") != null) {
                    // a write made on a version that another request replaced meanwhile: the same answer as a stale
                    // If-Match found before the write (Versions), so a client handles one case (ADR 0015)
                    return respond(412, "precondition-failed", "Precondition failed", "the resource was changed by "
                            + "another request at the same time; read it again (new ETag) and retry", uri, null);
                }
                return respond(409, "concurrent-update", "Concurrent update",
                        "the resource was changed by another request at the same time; read it again and retry", uri, null);
            }
        }
        String unavailable = DatabaseUnavailable.reason(e);
        if (unavailable != null) {
            // one line per request, no stack trace: the outage is the operators' news, not each request's
            LOG.warnf("database unavailable, answered 503 on %s: %s", uri == null ? "?" : uri.getPath(), unavailable);
            return Response.fromResponse(respond(503, "service-unavailable", "Service unavailable",
                    "the database is unavailable; retry in a few seconds (the request was not carried out)", uri, null))
                    .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, incident %s, on %s", incident, uri == null ? "?" : uri.getPath());
        return respond(500, "internal-error", "Internal error",
                "the request failed unexpectedly; quote incident " + incident + " to the operators", uri, null);
    }

    private Response jsonProblem(JsonProcessingException e, UriInfo uri) {
        // a parser failure met while reading a field arrives wrapped, with the field's path: it is still unreadable
        // JSON (a string cut short, an unknown escape, bytes that are not UTF-8), not a value of the wrong type
        JsonParseException parse = e instanceof JsonParseException p ? p
                : e.getCause() instanceof JsonParseException p ? p : null;
        if (parse != null) {
            return unreadable(parse, e instanceof JsonMappingException m && !m.getPath().isEmpty() ? path(m) : null, uri);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String field = path(u);
            return respond(400, "unknown-field", "Unknown field", "unknown field '" + field + "'", uri,
                    List.of(new Problem.FieldError(field, "unknown field; known fields: " + u.getKnownPropertyIds())));
        }
        if (e instanceof RefusedValue r && !r.getPath().isEmpty()) {
            // the right type, a value the suite cannot store: say what it must be
            String field = path(r);
            return respond(400, "invalid-field-value", "Invalid value", field + ": " + r.reason(), uri,
                    List.of(new Problem.FieldError(field, r.reason())));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = path(m);
            String message = "has the wrong type or format" + expected(m);
            return respond(400, "invalid-field-type", "Wrong type", field + ": " + message, uri,
                    List.of(new Problem.FieldError(field, message)));
        }
        return respond(400, "malformed-json", "Malformed JSON", "the request body cannot be read: " + e.getOriginalMessage(),
                uri, null);
    }

    private Response unreadable(JsonParseException p, String field, UriInfo uri) {
        String reason = p.getOriginalMessage() == null ? "" : p.getOriginalMessage();
        if (reason.startsWith("Duplicate field ")) {
            String key = reason.substring("Duplicate field ".length()).replace("'", "");
            String at = field == null ? key : field + "." + key; // the path of a wrapped one is the object holding the key
            return respond(400, "duplicate-key", "Duplicate key", "the key '" + at + "' appears twice in one object",
                    uri, List.of(new Problem.FieldError(at, "appears twice; send each key once")));
        }
        String where = p.getLocation() == null ? ""
                : " at line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr();
        String what = reason.startsWith("Invalid UTF-8") ? "is not UTF-8 text, which JSON must be (RFC 8259, section 8.1)"
                : "is not valid JSON";
        // the parser's own words, without its note on where the enclosing value began
        int cut = reason.indexOf(" (start marker at");
        String why = (cut < 0 ? reason : reason.substring(0, cut)).lines().findFirst().orElse("").strip();
        String detail = "the request body " + what + where + (field == null ? "" : ", in '" + field + "'")
                + (why.isEmpty() ? "" : ": " + why);
        return respond(400, "malformed-json", "Malformed JSON", detail, uri,
                field == null ? null : List.of(new Problem.FieldError(field, "cannot be read: " + why)));
    }

    /** Whether {@code method} is among the {@code Allow} methods; true when the path has none (it does not exist). */
    private static boolean allowedHere(String allow, String method) {
        return allow == null || java.util.Arrays.stream(allow.split(",")).map(String::strip).anyMatch(method::equals);
    }

    private static String expected(JsonMappingException m) {
        if (m instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi && mi.getTargetType() != null) {
            Class<?> t = mi.getTargetType();
            String name = t.isEnum() ? "one of " + java.util.Arrays.toString(t.getEnumConstants())
                    : Number.class.isAssignableFrom(t) || t.isPrimitive() ? "a number"
                    : java.util.Collection.class.isAssignableFrom(t) || t.isArray() ? "an array"
                    : t == String.class ? "a string"
                    : t.getSimpleName().matches("Local.*|Instant|OffsetDateTime") ? "an ISO 8601 " + t.getSimpleName()
                    : "an object";
            return "; expected " + name;
        }
        return "";
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(ref.getFieldName());
            }
        }
        return b.isEmpty() ? "(body)" : b.toString();
    }

    /** {@code create.request.parties[1].country} becomes {@code parties[1].country}; a query parameter keeps its name. */
    static String fieldOf(Path path) {
        StringBuilder b = new StringBuilder();
        boolean inBody = false;
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                inBody = true;
                continue;
            }
            if (!inBody && node.getKind() != ElementKind.PROPERTY) {
                continue;
            }
            if (node.getIndex() != null) {
                b.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                b.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(node.getName());
            }
        }
        if (b.isEmpty()) {
            return parameter == null ? "(request)" : parameter;
        }
        return b.toString();
    }

    private Response respond(int status, String type, String title, String detail, UriInfo uri,
            List<Problem.FieldError> errors) {
        Problem p = new Problem(TYPE_PREFIX + type, title, status, detail, uri == null ? null : uri.getPath(), errors);
        try {
            return Response.status(status).type(Problem.MEDIA_TYPE).entity(mapper.writeValueAsString(p)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
