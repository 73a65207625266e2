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
 * Also refuses a parameter that takes one value given several times (ADR 0026).
 */
public class UnknownQueryParameters {

    @ServerRequestFilter
    public void refuseUnknown(ResourceInfo resource, HttpServerRequest request) {
        String query = request.query();
        if (query == null || query.isEmpty() || resource == null || resource.getResourceMethod() == null) {
            return;
        }
        List<DeclaredParameters.Declared> declared = DeclaredParameters.of(resource.getResourceMethod());
        List<String> given = RawQuery.parse(query).stream().map(RawQuery::name).toList();
        List<String> unknown = given.stream()
                .filter(name -> declared.stream().noneMatch(d -> !d.inPath() && d.name().equals(name))).distinct()
                .map(name -> name.length() > 40 ? name.substring(0, 40) + "…" : name).toList();
        if (unknown.isEmpty()) {
            refuseRepeated(declared, given);
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

    /**
     * Refuses a parameter that takes one value and is given several times ({@code ?size=1&size=50}): JAX-RS would
     * take the first and drop the rest, while a proxy or a cache in front may have read another.
     */
    private static void refuseRepeated(List<DeclaredParameters.Declared> declared, List<String> given) {
        List<String> repeated = declared.stream().filter(d -> !d.inPath() && !d.repeatable())
                .map(DeclaredParameters.Declared::name).distinct()
                .filter(name -> given.stream().filter(name::equals).count() > 1).toList();
        if (repeated.isEmpty()) {
            return;
        }
        String message = "takes one value and is given more than once";
        throw new ProblemException(400, "validation-failed", "Request is invalid",
                repeated.stream().map(name -> name + ": " + message).collect(Collectors.joining("; ")),
                repeated.stream().map(name -> new Problem.FieldError(name, message)).toList());
    }
}
