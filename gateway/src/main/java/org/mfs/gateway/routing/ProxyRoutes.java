package org.mfs.gateway.routing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.mfs.gateway.config.GatewayConfig;

import io.vertx.ext.web.Router;
import io.vertx.httpproxy.HttpProxy;

/**
 * Forwards {@code /api/**} to the service owning the path prefix, unchanged (method, path, query, headers except
 * hop-by-hop, body streamed both ways). Paths under /api that no service owns get a 404 problem.
 */
@ApplicationScoped
class ProxyRoutes {

    void register(@Observes Router router, Upstreams upstreams, GatewayConfig config) {
        Map<Upstream, HttpProxy> proxies = new HashMap<>();
        for (Upstream upstream : upstreams.all()) {
            HttpProxy proxy = HttpProxy.reverseProxy(upstreams.client())
                    .originRequestProvider((request, client) -> upstreams.request(upstream, request.method(),
                            request.uri(), config.connectTimeout(), config.requestTimeout()));
            proxy.addInterceptor(new UpstreamInterceptor(upstream));
            proxies.put(upstream, proxy);
        }
        router.route("/api/*").handler(ctx -> {
            // route on the normalised path (dot segments resolved), as the upstream will resolve it the same way
            Optional<Upstream> owner = upstreams.owner(ctx.normalizedPath());
            if (owner.isPresent()) {
                proxies.get(owner.get()).handle(ctx.request());
            } else {
                Problems.send(ctx.response(), 404, "not-found", "Not Found",
                        "No service of the suite serves " + ctx.normalizedPath(), ctx.request().path());
            }
        });
    }
}
