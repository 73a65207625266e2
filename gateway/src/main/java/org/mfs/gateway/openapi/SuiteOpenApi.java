package org.mfs.gateway.openapi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.mfs.gateway.config.GatewayConfig;
import org.mfs.gateway.security.OpenApiLogin;
import org.mfs.gateway.routing.Problems;
import org.mfs.gateway.routing.Upstream;
import org.mfs.gateway.routing.Upstreams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the suite's merged OpenAPI document at {@code /q/openapi} (JSON; YAML with {@code ?format=yaml}). Each
 * service's document is fetched with a short timeout; the merged result is cached for
 * {@code mfs.gateway.openapi.cache-ttl}.
 */
@ApplicationScoped
public class SuiteOpenApi {

    public static final String PATH = "/q/openapi";
    private static final Logger LOG = Logger.getLogger(SuiteOpenApi.class);

    private record Fetched(Upstream upstream, ObjectNode document) {
    }

    private record Cached(Future<ObjectNode> document, long expiresAtNanos) {
    }

    private final Upstreams upstreams;
    private final GatewayConfig.OpenApi config;
    private final ObjectMapper json;
    private final YAMLMapper yaml = new YAMLMapper();
    private final OpenApiMerger merger;
    private final OpenApiLogin login;
    private final OpenApiDocumentService own;
    private volatile Cached cached;

    SuiteOpenApi(Upstreams upstreams, GatewayConfig config, ObjectMapper json, OpenApiLogin login,
            OpenApiDocumentService own) {
        this.upstreams = upstreams;
        this.own = own;
        this.login = login;
        this.config = config.openapi();
        this.json = json;
        this.merger = new OpenApiMerger(this.config.title(), this.config.version(), this.config.serverUrl());
    }

    void register(@Observes Router router) {
        router.get(PATH).handler(this::serve);
    }

    /** The merged document, from the cache while it is fresh. */
    public Future<ObjectNode> document() {
        Cached current = cached;
        long now = System.nanoTime();
        if (current == null || now - current.expiresAtNanos() >= 0) {
            current = new Cached(fetchAndMerge(), now + config.cacheTtl().toNanos());
            cached = current;
        }
        return current.document();
    }

    private void serve(RoutingContext ctx) {
        String format = ctx.queryParams().get("format");
        boolean asYaml = format != null ? format.equalsIgnoreCase("yaml")
                : ctx.request().getHeader(HttpHeaders.ACCEPT) != null
                        && ctx.request().getHeader(HttpHeaders.ACCEPT).contains("yaml")
                        && !ctx.request().getHeader(HttpHeaders.ACCEPT).contains("json");
        document().onComplete(result -> {
            try {
                if (result.failed()) {
                    throw result.cause();
                }
                byte[] body = asYaml ? yaml.writeValueAsBytes(result.result())
                        : json.writerWithDefaultPrettyPrinter().writeValueAsBytes(result.result());
                ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, asYaml ? "application/yaml;charset=UTF-8" : "application/json;charset=UTF-8")
                        .end(Buffer.buffer(body));
            } catch (Throwable e) {
                LOG.error("Cannot serve the merged OpenAPI document", e);
                Problems.send(ctx.response(), 500, "internal-error", "Internal Server Error",
                        "The merged OpenAPI document could not be produced", PATH);
            }
        });
    }

    private Future<ObjectNode> fetchAndMerge() {
        List<Future<Fetched>> fetches = upstreams.all().stream().map(this::fetch).toList();
        return Future.all(fetches).map(done -> {
            List<OpenApiMerger.Source> sources = new ArrayList<>();
            List<String> unavailable = new ArrayList<>();
            for (Future<Fetched> fetch : fetches) {
                Fetched fetched = fetch.result();
                if (fetched.document() == null) {
                    unavailable.add(fetched.upstream().name());
                } else {
                    sources.add(new OpenApiMerger.Source(fetched.upstream().name(), fetched.document()));
                }
            }
            ownDocument().ifPresent(document -> sources.add(new OpenApiMerger.Source("gateway", document)));
            return login.apply(merger.merge(sources, unavailable));
        });
    }

    /**
     * The gateway's own operations (the dashboard overview), generated from its REST resources like the services'
     * documents; merged last, so its references to the services' schemas resolve to theirs.
     */
    private java.util.Optional<ObjectNode> ownDocument() {
        try {
            return java.util.Optional.of(parse(Buffer.buffer(own.getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME, Format.JSON))));
        } catch (RuntimeException e) {
            LOG.warn("The gateway's own OpenAPI document is unavailable", e);
            return java.util.Optional.empty();
        }
    }

    /** Never fails: an unreachable service or an unreadable document gives a Fetched without document. */
    private Future<Fetched> fetch(Upstream upstream) {
        return upstreams.request(upstream, HttpMethod.GET, config.documentPath(), config.fetchTimeout(), config.fetchTimeout())
                .compose(request -> request.putHeader(HttpHeaders.ACCEPT, "application/json").send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("HTTP " + response.statusCode()))
                .map(body -> new Fetched(upstream, parse(body)))
                .otherwise(failure -> {
                    LOG.warnf("OpenAPI document of %s unavailable: %s", upstream.name(), failure.toString());
                    return new Fetched(upstream, null);
                });
    }

    private ObjectNode parse(Buffer body) {
        try {
            JsonNode node = json.readTree(body.getBytes());
            if (node instanceof ObjectNode document) {
                return document;
            }
            throw new IllegalStateException("not a JSON object");
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + e.getMessage(), e);
        }
    }
}
