package org.mfs.gateway.routing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * The browser requests Quarkus's CORS filter ({@code quarkus.http.cors.*}) would refuse, recognised first so the
 * refusal is a 403 problem naming the origin or the method rather than the filter's empty 403 (ADR 0011). The same
 * rules as the filter, from the same configuration: a request with an {@code Origin} passes when the origin is
 * configured (exactly, by a {@code /regex/} entry, or by {@code *}) or is the gateway's own (same scheme, host and
 * port), and when its method is one of the configured ones (a preflight's method is its requested one). Whatever
 * passes here still goes through the filter, which writes the {@code Access-Control-*} headers.
 */
@ApplicationScoped
class CorsOrigins {

    private final boolean anyOrigin;
    private final Set<String> origins;
    private final List<Pattern> originPatterns;
    private final Set<String> methods;

    CorsOrigins(@ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins,
            @ConfigProperty(name = "quarkus.http.cors.methods") Optional<List<String>> methods) {
        List<String> configured = origins.orElse(List.of());
        this.anyOrigin = configured.contains("*") || configured.contains("/.*/");
        this.origins = Set.copyOf(configured);
        this.originPatterns = CORSFilter.parseAllowedOriginsRegex(origins);
        this.methods = methods.filter(m -> !CORSFilter.isConfiguredWithWildcard(methods))
                .map(m -> m.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()))
                .orElse(null);
    }

    /** Why the filter would refuse this request, or empty when it has no Origin or would let it through. */
    Optional<String> refusal(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return Optional.empty();
        }
        if (!anyOrigin && !origins.contains(origin) && !CORSFilter.isOriginAllowedByRegex(originPatterns, origin)
                && !sameOrigin(request, origin)) {
            return Optional.of("Origin " + printable(origin) + " may not call the API from a browser: it is not the "
                    + "gateway's own origin and not among the dashboard origins the operator allowed (GATEWAY_CORS_ORIGINS)");
        }
        String requested = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        String method = request.method() == HttpMethod.OPTIONS && requested != null ? requested : request.method().name();
        if (methods != null && !methods.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.of("Method " + printable(method) + " may not be used from a browser; allowed: "
                    + String.join(", ", methods.stream().sorted().toList()));
        }
        return Optional.empty();
    }

    /** The gateway's own origin: the scheme it was called with, and the host and port the request was sent to. */
    private static boolean sameOrigin(HttpServerRequest request, String origin) {
        String host = request.authority() == null ? null : request.authority().toString();
        if (host == null) {
            return false;
        }
        try {
            URI o = new URI(origin);
            URI own = new URI(request.scheme() + "://" + host);
            return o.getScheme() != null && o.getScheme().equalsIgnoreCase(own.getScheme())
                    && o.getHost() != null && o.getHost().equalsIgnoreCase(own.getHost())
                    && (o.getRawPath() == null || o.getRawPath().isEmpty())
                    && port(o) == port(own);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The caller's text, shortened and without control characters, for a problem's detail. */
    private static String printable(String value) {
        String v = value.length() > 200 ? value.substring(0, 200) + "…" : value;
        return v.replaceAll("\\p{Cntrl}", "?");
    }
}
