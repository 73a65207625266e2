package org.mfs.gateway.routing;

import java.net.URI;
import java.time.Duration;

/** One upstream service: the path prefix it owns and where it listens. */
public record Upstream(String name, String pathPrefix, String host, int port, boolean ssl, Duration responseTimeout) {

    /** Validates one {@code mfs.gateway.services.<key>} entry; a bad entry stops the gateway at startup. */
    static Upstream of(String key, String name, String url, String pathPrefix, Duration responseTimeout) {
        String where = "mfs.gateway.services." + key;
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".url is not a URL: " + url, e);
        }
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        if (!ssl && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(where + ".url must be http(s)://host[:port], got " + url);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null) {
            throw new IllegalArgumentException(where + ".url must not have a path or query (the gateway rewrites no path), got " + url);
        }
        if (!pathPrefix.startsWith("/") || pathPrefix.endsWith("/")) {
            throw new IllegalArgumentException(where + ".path-prefix must start with / and not end with /, got " + pathPrefix);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80;
        return new Upstream(name, pathPrefix, uri.getHost(), port, ssl, responseTimeout);
    }

    /** True for the prefix itself and every path below it; {@code /api/v1/agreementsX} is not owned. */
    public boolean owns(String path) {
        return path.equals(pathPrefix) || path.startsWith(pathPrefix) && path.charAt(pathPrefix.length()) == '/';
    }
}
