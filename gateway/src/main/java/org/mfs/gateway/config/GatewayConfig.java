package org.mfs.gateway.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the gateway sends each path prefix, and how long it waits. Keys under {@code mfs.gateway}. */
@ConfigMapping(prefix = "mfs.gateway")
public interface GatewayConfig {

    /** Upstream services by key (e.g. {@code agreements}). */
    Map<String, Service> services();

    /** Time to obtain a connection to an upstream (TCP connect, or a free pooled connection). */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Longest silence from an upstream while a request is in flight before the gateway answers 504. */
    @WithDefault("30s")
    Duration requestTimeout();

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
