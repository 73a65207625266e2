package org.mfs.minerals.rest;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mfs.platform.problem.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request that declares a body larger than {@code quarkus.http.limits.max-body-size} with a 413
 * problem+json before anything is read (the HTTP layer's own 413 has an empty body). Imports have their own, lower
 * limit ({@code mfs.minerals.importing.max-bytes}, ADR 0102), also answered as a problem; this is the backstop above it.
 */
@ApplicationScoped
public class BodySizeGuard {

    private final long maxBodyBytes;
    private final ObjectMapper json;

    public BodySizeGuard(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            ObjectMapper json) {
        this.maxBodyBytes = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(-900).handler(this::check);
    }

    void check(RoutingContext ctx) {
        String declared = ctx.request().getHeader("Content-Length");
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            length = -1; // the HTTP codec refuses a malformed Content-Length itself
        }
        if (length <= maxBodyBytes) {
            ctx.next();
            return;
        }
        try {
            String body = json.writeValueAsString(new Problem("urn:mfs:problem:payload-too-large", "Request body too large",
                    413, "the request body declares " + length + " bytes; at most " + maxBodyBytes + " are accepted",
                    ctx.request().path(), null));
            ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                    .end(body);
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
