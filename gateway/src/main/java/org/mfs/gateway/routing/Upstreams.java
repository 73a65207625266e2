package org.mfs.gateway.routing;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.mfs.gateway.config.GatewayConfig;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/** The configured upstream services and the one HTTP client (connection pool per service) that reaches them. */
@Singleton
public class Upstreams {

    private final List<Upstream> byName;
    private final List<Upstream> byLongestPrefix;
    private final HttpClient client;

    Upstreams(GatewayConfig config, Vertx vertx) {
        this.byName = config.services().entrySet().stream()
                .map(e -> Upstream.of(e.getKey(), e.getValue().name(), e.getValue().url(), e.getValue().pathPrefix(),
                        e.getValue().responseTimeout()))
                .sorted(Comparator.comparing(Upstream::name))
                .toList();
        this.byLongestPrefix = byName.stream()
                .sorted(Comparator.comparingInt((Upstream u) -> u.pathPrefix().length()).reversed())
                .toList();
        this.client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setKeepAlive(true)
                        // the services keep idle connections 30 min (Quarkus default); close ours well before
                        .setKeepAliveTimeout(30)
                        .setDecompressionSupported(false),
                new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerService()));
    }

    /** All services, sorted by name. */
    public List<Upstream> all() {
        return byName;
    }

    /** The service owning a (normalised) request path, if any. */
    public Optional<Upstream> owner(String path) {
        for (Upstream upstream : byLongestPrefix) {
            if (upstream.owns(path)) {
                return Optional.of(upstream);
            }
        }
        return Optional.empty();
    }

    /** Opens a request to a service; {@code connectTimeout} also bounds the wait for a pooled connection. */
    public Future<HttpClientRequest> request(Upstream upstream, HttpMethod method, String uri,
            Duration connectTimeout, Duration idleTimeout) {
        return client.request(options(upstream, method, uri, connectTimeout).setIdleTimeout(idleTimeout.toMillis()));
    }

    /** Opens a request to a service without an idle timeout (the forwarder times each phase itself). */
    public Future<HttpClientRequest> request(Upstream upstream, HttpMethod method, String uri, Duration connectTimeout) {
        return client.request(options(upstream, method, uri, connectTimeout));
    }

    private static RequestOptions options(Upstream upstream, HttpMethod method, String uri, Duration connectTimeout) {
        return new RequestOptions()
                .setMethod(method)
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                .setURI(uri)
                .setConnectTimeout(connectTimeout.toMillis());
    }

    public HttpClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
