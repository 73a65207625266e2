package org.mfs.platform.problem;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.UriInfo;

import org.mfs.platform.api.DeclaredParameters;

/**
 * Which parameter of a request JAX-RS could not convert to the type its resource method declares, and what that
 * type accepts. JAX-RS answers such a request with 404 and a bare converter message; the suite answers a query
 * parameter it cannot read with a 400 naming the parameter, the value and what was expected ({@code year: 'abc' is
 * not a whole number}), and keeps 404 for a path parameter (the path then names no resource).
 * <p>
 * The declared query parameters (of the method, and of its {@code @BeanParam} classes) are tried one by one with
 * the conversion their type gets; the first value that does not convert is the one named. Types whose conversion
 * cannot be told here (a {@code String}, a custom converter) are never blamed.
 */
final class UnreadableParameters {

    /** The longest part of a value quoted back to the client. */
    static final int QUOTED_CHARS = 40;

    /** What was found: a query parameter, or a path parameter (no field error then: the answer stays 404). */
    record Finding(String parameter, boolean inPath, String message) {
    }

    private UnreadableParameters() {
    }

    /**
     * The parameter a failed conversion ({@code e}, which JAX-RS answers 404) was about, or null when the failure
     * was not a conversion. A query parameter is named with what its type expects when the declared types tell;
     * otherwise by the value the converter's message quotes, or the only query parameter.
     */
    static Finding of(WebApplicationException e, UriInfo uri, Method method) {
        Throwable cause = e.getCause();
        if (cause == null || cause instanceof WebApplicationException || uri == null) {
            return null;
        }
        Finding exact = method == null ? null : find(method, uri.getPathParameters(), uri.getQueryParameters());
        if (exact != null) {
            return exact;
        }
        String guessed = guess(cause.getMessage() == null ? "" : cause.getMessage(), uri);
        return guessed == null ? null : new Finding(guessed, false, "cannot be read as its type");
    }

    /**
     * The query parameter whose value the converter's message quotes (e.g. {@code For input string: "x"}); failing
     * that, the only query parameter, or "query"; null when the path has parameters to blame instead.
     */
    private static String guess(String message, UriInfo uri) {
        Map<String, List<String>> query = uri.getQueryParameters();
        for (Map.Entry<String, List<String>> param : query.entrySet()) {
            for (String value : param.getValue()) {
                if (!value.isEmpty() && (message.contains("\"" + value + "\"") || message.contains("'" + value + "'")
                        || message.endsWith(" " + value))) {
                    return param.getKey();
                }
            }
        }
        if (!uri.getPathParameters().isEmpty() || query.isEmpty()) {
            return null;
        }
        return query.size() == 1 ? query.keySet().iterator().next() : "query";
    }

    /** The first declared parameter of {@code method} whose value (in the path or the query) its type does not accept. */
    static Finding find(Method method, Map<String, List<String>> path, Map<String, List<String>> query) {
        for (DeclaredParameters.Declared d : DeclaredParameters.of(method)) {
            List<String> values = (d.inPath() ? path : query).get(d.name());
            if (values == null) {
                continue;
            }
            for (String value : values) {
                String expected = value.isEmpty() ? null : rejects(d.type(), value);
                if (expected != null) {
                    return new Finding(d.name(), d.inPath(), quote(value) + " is not " + expected);
                }
            }
        }
        return null;
    }

    /** How a declared type reads a value (the conversion JAX-RS gives it), and what it accepts, said to a client. */
    private record Reading(Consumer<String> read, String expected) {
    }

    private static final Reading INT = new Reading(Integer::parseInt,
            "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
    private static final Reading LONG = new Reading(Long::parseLong,
            "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
    private static final Reading SHORT = new Reading(Short::parseShort,
            "a whole number from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE);
    private static final Reading DOUBLE = new Reading(Double::parseDouble, "a number");
    private static final Reading INSTANT = new Reading(Instant::parse, "an ISO 8601 instant (for example 2025-12-31T23:59:59Z)");
    private static final Map<Class<?>, Reading> READINGS = Map.ofEntries(
            Map.entry(int.class, INT), Map.entry(Integer.class, INT),
            Map.entry(long.class, LONG), Map.entry(Long.class, LONG),
            Map.entry(short.class, SHORT), Map.entry(Short.class, SHORT),
            Map.entry(double.class, DOUBLE), Map.entry(Double.class, DOUBLE),
            Map.entry(BigDecimal.class, new Reading(BigDecimal::new, "a decimal number")),
            Map.entry(UUID.class, new Reading(UUID::fromString, "a UUID (for example 123e4567-e89b-12d3-a456-426614174000)")),
            Map.entry(LocalDate.class, new Reading(LocalDate::parse, "a date (YYYY-MM-DD)")),
            Map.entry(Instant.class, INSTANT),
            Map.entry(OffsetDateTime.class, new Reading(OffsetDateTime::parse, INSTANT.expected())));

    /** What {@code type} expects, when {@code value} does not convert to it; null when it does (or cannot be told). */
    static String rejects(Class<?> type, String value) {
        Reading reading = READINGS.get(type);
        if (reading == null) {
            return null;
        }
        try {
            reading.read().accept(value);
            return null;
        } catch (RuntimeException e) {
            return reading.expected();
        }
    }

    static String quote(String value) {
        String shown = value.length() > QUOTED_CHARS ? value.substring(0, QUOTED_CHARS) + "…" : value;
        return "'" + shown + "'";
    }
}
