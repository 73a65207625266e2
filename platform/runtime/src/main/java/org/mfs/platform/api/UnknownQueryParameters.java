package org.mfs.platform.api;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.mfs.platform.http.RawQuery;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;

import io.vertx.core.http.HttpServerRequest;

/**
 * Refuses a query parameter the operation does not declare, with a 400 naming it and the ones the operation accepts
 * (ADR 0023). A misspelt filter ({@code ?stauts=SIGNED}) or one from another operation ({@code ?limit=5} for
 * {@code size}) would otherwise be ignored, and a dashboard would show an unfiltered answer as if it were filtered.
 */
public class UnknownQueryParameters {

    private static final Map<Method, Set<String>> ACCEPTED = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void refuseUnknown(ResourceInfo resource, HttpServerRequest request) {
        String query = request.query();
        if (query == null || query.isEmpty() || resource == null || resource.getResourceMethod() == null) {
            return;
        }
        Set<String> accepted = ACCEPTED.computeIfAbsent(resource.getResourceMethod(), UnknownQueryParameters::accepted);
        List<String> unknown = unknown(query, accepted);
        if (unknown.isEmpty()) {
            return;
        }
        String acceptedList = accepted.isEmpty() ? "none" : String.join(", ", accepted);
        String message = "not a parameter of this operation; it accepts: " + acceptedList;
        throw new ProblemException(400, "unknown-query-parameter", "Unknown query parameter",
                (unknown.size() == 1 ? "unknown query parameter " + unknown.get(0)
                        : "unknown query parameters " + String.join(", ", unknown))
                        + "; this operation accepts: " + acceptedList,
                unknown.stream().map(name -> new Problem.FieldError(name, message)).toList());
    }

    private static Set<String> accepted(Method method) {
        TreeSet<String> names = new TreeSet<>();
        for (DeclaredParameters.Declared d : DeclaredParameters.of(method)) {
            if (!d.inPath()) {
                names.add(d.name());
            }
        }
        return Collections.unmodifiableSortedSet(names);
    }

    /** The names in {@code query} (raw, percent-encoded) that {@code accepted} does not hold, each once. */
    static List<String> unknown(String query, Set<String> accepted) {
        return RawQuery.parse(query).stream().map(RawQuery::name).filter(name -> !accepted.contains(name)).distinct()
                .map(name -> name.length() > 40 ? name.substring(0, 40) + "…" : name).toList();
    }
}
