package org.mfs.gateway.routing;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.mfs.gateway.config.GatewayConfig;

/**
 * Body limit and response timeout of a request: from the configured route with the longest matching path prefix,
 * else the gateway's body limit and the owning service's response timeout.
 */
@Singleton
public class RoutePolicies {

    /** What applies to one request. */
    public record Policy(long maxBodySize, Duration responseTimeout) {
    }

    private record Route(String pathPrefix, Long maxBodySize, Duration responseTimeout) {
        boolean covers(String path) {
            return path.equals(pathPrefix) || path.startsWith(pathPrefix)
                    && (pathPrefix.endsWith("/") || path.charAt(pathPrefix.length()) == '/');
        }
    }

    private final long defaultMaxBodySize;
    private final List<Route> byLongestPrefix;
    /** The policy of each service's paths that no route covers (the common case: no allocation per request). */
    private final Map<Upstream, Policy> defaults = new HashMap<>();

    RoutePolicies(GatewayConfig config, Upstreams upstreams) {
        this.defaultMaxBodySize = config.maxBodySize().asLongValue();
        this.byLongestPrefix = config.routes().values().stream()
                .map(r -> new Route(r.pathPrefix(), r.maxBodySize().map(m -> m.asLongValue()).orElse(null),
                        r.responseTimeout().orElse(null)))
                .sorted(Comparator.comparingInt((Route r) -> r.pathPrefix().length()).reversed())
                .toList();
        for (Upstream upstream : upstreams.all()) {
            defaults.put(upstream, new Policy(defaultMaxBodySize, upstream.responseTimeout()));
        }
    }

    public Policy of(String path, Upstream upstream) {
        for (Route route : byLongestPrefix) {
            if (route.covers(path)) {
                return new Policy(route.maxBodySize() != null ? route.maxBodySize() : defaultMaxBodySize,
                        route.responseTimeout() != null ? route.responseTimeout() : upstream.responseTimeout());
            }
        }
        Policy policy = defaults.get(upstream);
        return policy != null ? policy : new Policy(defaultMaxBodySize, upstream.responseTimeout());
    }

    /** 1048576 -> "1 MiB" (the unit the configuration uses), 1000 -> "1000 bytes". */
    static String describe(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return bytes / (1L << 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
