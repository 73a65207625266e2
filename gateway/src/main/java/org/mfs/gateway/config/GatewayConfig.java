package org.mfs.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the gateway sends each path prefix, and how long it waits. Keys under {@code mfs.gateway}. */
@ConfigMapping(prefix = "mfs.gateway")
public interface GatewayConfig {

    /** Upstream services by key (e.g. {@code agreements}). */
    Map<String, Service> services();

    /** Time to obtain a connection to an upstream (TCP connect, or a free pooled connection); then 503. */
    @WithDefault("1s")
    Duration connectTimeout();

    /** Longest silence from an upstream while its response body streams; then the exchange is cut off. */
    @WithDefault("30s")
    Duration streamIdleTimeout();

    /** Routes with their own body limit or response timeout, by name (e.g. {@code statistics-import}). */
    Map<String, Route> routes();

    /** Body limit of every route that has none of its own; a larger body gets 413. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** Longest request target (path and query); a longer one gets 414 (the services' own limit, mfs.http.max-uri-length). */
    @WithDefault("8192")
    int maxUriLength();

    /** Largest total size of the request headers (names and values); larger gets 431. */
    @WithDefault("16384")
    int maxHeaderBytes();

    /**
     * Addresses (or CIDR ranges) of proxies in front of the gateway whose {@code X-Forwarded-*} and {@code Forwarded}
     * headers are kept; from anyone else they are dropped and replaced by what the gateway sees.
     */
    Optional<List<String>> trustedProxies();

    CircuitBreaker circuitBreaker();

    RateLimit rateLimit();

    /** Connections kept per upstream service. */
    @WithDefault("64")
    int maxConnectionsPerService();

    OpenApi openapi();

    Health health();

    interface Service {
        /** Service name used in problems, the merged OpenAPI document and health data, e.g. agreements-service. */
        String name();

        /** Base URL: scheme, host and port only (no path; the gateway rewrites nothing). */
        String url();

        /** Path prefix owned by the service, e.g. /api/v1/agreements; it and everything below it is forwarded. */
        String pathPrefix();

        /**
         * Longest wait for the response headers once the request (body included) has been sent; then 504. A stopped
         * (SIGSTOP) or hung service is detected by this timeout, so it is short; slow routes set their own.
         */
        @WithDefault("1s")
        Duration responseTimeout();
    }

    interface Route {
        /** Path prefix the route covers (longest match wins), e.g. /api/v1/minerals/statistics/imports. */
        String pathPrefix();

        /** Body limit of the route; default the gateway's {@code max-body-size}. */
        Optional<MemorySize> maxBodySize();

        /** Response timeout of the route; default the owning service's {@code response-timeout}. */
        Optional<Duration> responseTimeout();
    }

    /** A SmallRye Fault Tolerance circuit breaker per upstream service. */
    interface CircuitBreaker {
        /** Off: every request is forwarded whatever the service's recent failures (for measuring the breaker's cost). */
        @WithDefault("true")
        boolean enabled();

        /** Rolling window of calls the failure ratio is computed over. */
        @WithDefault("20")
        int requestVolumeThreshold();

        @WithDefault("0.5")
        double failureRatio();

        /** How long an open breaker answers 503 at once before letting a trial call through. */
        @WithDefault("2s")
        Duration delay();

        /** Successful trial calls that close the breaker again. */
        @WithDefault("1")
        int successThreshold();
    }

    /** Per caller (token subject, else client address): a token bucket. */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second per caller. */
        @WithDefault("100")
        int requestsPerSecond();

        /** Requests a caller may send at once above the sustained rate. */
        @WithDefault("200")
        int burst();

        /** Callers remembered at most; idle ones are forgotten first. */
        @WithDefault("100000")
        int maxCallers();
    }

    interface OpenApi {
        /** Each service's document is fetched from this path. */
        @WithDefault("/q/openapi?format=json")
        String documentPath();

        @WithDefault("2s")
        Duration fetchTimeout();

        /** How long a merged document is served before the services are asked again. */
        @WithDefault("30s")
        Duration cacheTtl();

        @WithDefault("Minerals-for-security suite API")
        String title();

        @WithDefault("1.0")
        String version();

        /** The {@code servers} entry of the merged document: the gateway (relative, so it works behind any host). */
        @WithDefault("/")
        String serverUrl();
    }

    interface Health {
        /** Path probed on each upstream for the health data of the gateway. */
        @WithDefault("/q/health/ready")
        String probePath();

        @WithDefault("1s")
        Duration probeTimeout();
    }
}
