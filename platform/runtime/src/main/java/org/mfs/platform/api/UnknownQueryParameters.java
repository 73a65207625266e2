package org.mfs.platform.api;

import java.util.List;
import java.util.stream.Collectors;

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

    @ServerRequestFilter
    public void refuseUnknown(ResourceInfo resource, HttpServerRequest request) {
        String query = request.query();
        if (query == null || query.isEmpty() || resource == null || resource.getResourceMethod() == null) {
            return;
        }
        List<DeclaredParameters.Declared> declared = DeclaredParameters.of(resource.getResourceMethod());
        List<String> unknown = RawQuery.parse(query).stream().map(RawQuery::name)
                .filter(name -> declared.stream().noneMatch(d -> !d.inPath() && d.name().equals(name))).distinct()
                .map(name -> name.length() > 40 ? name.substring(0, 40) + "…" : name).toList();
        if (unknown.isEmpty()) {
            return;
        }
        String accepted = declared.stream().filter(d -> !d.inPath()).map(DeclaredParameters.Declared::name).sorted()
                .distinct().collect(Collectors.joining(", "));
        String acceptedList = accepted.isEmpty() ? "none" : accepted;
        String message = "not a parameter of this operation; it accepts: " + acceptedList;
        throw new ProblemException(400, "unknown-query-parameter", "Unknown query parameter",
                (unknown.size() == 1 ? "unknown query parameter " + unknown.get(0)
                        : "unknown query parameters " + String.join(", ", unknown))
                        + "; this operation accepts: " + acceptedList,
                unknown.stream().map(name -> new Problem.FieldError(name, message)).toList());
    }
}
