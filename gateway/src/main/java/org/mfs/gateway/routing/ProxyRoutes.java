package org.mfs.gateway.routing;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;
import org.mfs.gateway.config.GatewayConfig;
import org.mfs.platform.framing.RequestFraming;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's routes. Every request: a correlation id, then what every service refuses too ({@link RequestFraming}:
 * a {@code Transfer-Encoding} no body can be read through, 400/501; the size limits of its request line and headers,
 * 414/431); a browser request from an origin, or with a method, the CORS configuration does not allow, 403
 * ({@link CorsOrigins}).
 * {@code /api/**}: the caller's rate limit (429), then forwarded to the service owning the path prefix,
 * unchanged (method, path, query, end-to-end headers, body streamed both ways), except {@code /api/v1/overview/**},
 * which the gateway's own REST resources answer (after the same rate limit); an {@code /api} path no service owns
 * and any other path the gateway does not serve get a 404 problem.
 */
@ApplicationScoped
class ProxyRoutes {

    private static final String REQUEST_ID = "mfs.request-id";

    void register(@Observes Router router, Upstreams upstreams, Forwarder forwarder, RateLimiter rateLimiter,
            ForwardedHeaders forwarded, CorsOrigins cors, GatewayConfig config) {
        int maxUri = config.maxUriLength();
        int maxHeaderBytes = config.maxHeaderBytes();
        router.route().order(-10_000).handler(ctx -> {
            if (RequestFraming.dropIfClosing(ctx)) {
                return;
            }
            HttpServerRequest request = ctx.request();
            String requestId = RequestIds.resolve(request.getHeader(RequestIds.HEADER));
            if (requestId == null) {
                Problems.sendBeforeBody(request, Problems.json(400, "bad-request", "Bad Request",
                        "X-Request-Id must be 1 to 128 letters, digits, '.', '_', ':' or '-'", request.path()));
                return;
            }
            MDC.put(RequestIds.MDC_KEY, requestId);
            ctx.put(REQUEST_ID, requestId);
            request.response().putHeader(RequestIds.HEADER, requestId);
            // the CORS headers of an answer depend on the caller's Origin: a cache (the browser's included) must not
            // hand one origin's answer to another (Fetch standard, "CORS protocol and HTTP caches")
            request.response().headers().add(HttpHeaders.VARY, "Origin");
            Optional<RequestFraming.Refusal> framing = RequestFraming.check(request, maxUri, maxHeaderBytes);
            if (framing.isPresent()) {
                RequestFraming.Refusal refusal = framing.get();
                if (refusal.closesConnection()) {
                    RequestFraming.closeAfterAnswer(ctx);
                }
                JsonObject problem = Problems.json(refusal.status(), refusal.type(), refusal.title(),
                        refusal.detail(), request.path().length() > 200 ? request.path().substring(0, 200) + "…"
                                : request.path());
                if (!refusal.parameters().isEmpty()) {
                    // the same field errors as the services' refusal (RequestLimits)
                    problem.put("errors", new JsonArray(refusal.parameters().stream()
                            .map(p -> new JsonObject().put("field", p).put("message", refusal.detail())).toList()));
                }
                Problems.sendBeforeBody(request, problem);
                return;
            }
            Optional<String> corsRefusal = cors.refusal(request);
            if (corsRefusal.isPresent()) {
                // nothing forwarded: a page of another site must not use the browser's credentials through the gateway
                Problems.sendBeforeBody(request, Problems.json(403, "cors-refused", "Forbidden", corsRefusal.get(),
                        request.path()));
                return;
            }
            ctx.next();
        });

        router.route("/api/*").handler(ctx -> {
            // route on the normalised path (dot segments resolved), as the upstream will resolve it the same way
            Optional<Upstream> owner = upstreams.owner(ctx.normalizedPath());
            boolean ownRoute = isGatewayOwn(ctx.normalizedPath());
            if (owner.isEmpty() && !ownRoute) {
                notFound(ctx);
                return;
            }
            long retryAfter = rateLimiter.acquire(caller(ctx, forwarded));
            if (retryAfter > 0) {
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
                Problems.sendBeforeBody(ctx.request(), Problems.json(429, "too-many-requests", "Too Many Requests",
                        "Rate limit of " + config.rateLimit().requestsPerSecond() + " requests per second exceeded; retry after "
                                + retryAfter + " s",
                        ctx.request().path()));
                return;
            }
            if (ownRoute) {
                // answered by the gateway's own REST resources (the dashboard overview)
                ctx.next();
                return;
            }
            forwarder.forward(ctx, owner.get(), ctx.get(REQUEST_ID));
        });

        // anything no route of the gateway serves (Quarkus's /q endpoints are registered before this)
        router.route().order(Integer.MAX_VALUE).handler(ProxyRoutes::notFound);
    }

    /** Paths under /api served by the gateway itself (its REST resources, quarkus.rest.path) rather than a service. */
    static final String OWN_PREFIX = "/api/v1/overview";

    private static boolean isGatewayOwn(String path) {
        return path.equals(OWN_PREFIX) || path.startsWith(OWN_PREFIX + "/");
    }

    private static void notFound(RoutingContext ctx) {
        Problems.sendBeforeBody(ctx.request(), Problems.json(404, "not-found", "Not Found",
                "No service of the suite serves " + ctx.normalizedPath(), ctx.request().path()));
    }

    /** The token's subject when the request carries a verified token, else the client's address. */
    private static String caller(RoutingContext ctx, ForwardedHeaders forwarded) {
        if (ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return "sub:" + user.getSecurityIdentity().getPrincipal().getName();
        }
        return "addr:" + forwarded.clientAddress(ctx.request());
    }
}
