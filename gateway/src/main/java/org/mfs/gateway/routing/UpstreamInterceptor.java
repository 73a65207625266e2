package org.mfs.gateway.routing;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Adds the X-Forwarded-* headers on the way in and, when the upstream could not be reached or did not answer in
 * time, turns the proxy's bare 502 into a 502/504 problem+json on the way out.
 */
final class UpstreamInterceptor implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(UpstreamInterceptor.class);
    private static final String FAILURE = "mfs.upstream-failure";
    /** RFC 9110 7.6.1 connection-specific headers plus the proxy authentication pair of RFC 2616 13.5.1. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade", "proxy-authenticate", "proxy-authorization");

    private final Upstream upstream;

    UpstreamInterceptor(Upstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        HttpServerRequest incoming = context.request().proxiedRequest();
        MultiMap headers = context.request().headers();
        removeHopByHop(headers);
        String client = incoming.remoteAddress() == null ? "unknown" : incoming.remoteAddress().hostAddress();
        String chain = headers.get("X-Forwarded-For");
        headers.set("X-Forwarded-For", chain == null || chain.isBlank() ? client : chain + ", " + client);
        if (!headers.contains("X-Forwarded-Proto")) {
            headers.set("X-Forwarded-Proto", incoming.scheme());
        }
        if (!headers.contains("X-Forwarded-Host") && incoming.authority() != null) {
            headers.set("X-Forwarded-Host", incoming.authority().toString());
        }
        return context.sendRequest().recover(failure -> {
            context.set(FAILURE, failure);
            return Future.failedFuture(failure);
        });
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        Throwable failure = context.get(FAILURE, Throwable.class);
        if (failure != null) {
            HttpServerRequest incoming = context.request().proxiedRequest();
            boolean timedOut = failure instanceof TimeoutException || failure instanceof ConnectTimeoutException;
            LOG.warnf("%s %s -> %s failed: %s", incoming.method(), incoming.path(), upstream.name(), failure.toString());
            int status = timedOut ? 504 : 502;
            String detail = timedOut ? upstream.name() + " did not answer in time" : upstream.name() + " is not reachable";
            ProxyResponse response = context.response();
            response.headers().clear();
            response.setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                    .setBody(Body.body(Problems.body(status, "upstream-unavailable",
                            timedOut ? "Upstream service timed out" : "Upstream service unavailable", detail,
                            incoming.path())));
        } else {
            removeHopByHop(context.response().headers());
        }
        return context.sendResponse();
    }

    /** Removes hop-by-hop headers, including those the Connection header names. */
    private static void removeHopByHop(MultiMap headers) {
        for (String connection : headers.getAll("Connection")) {
            for (String named : connection.split(",")) {
                headers.remove(named.trim());
            }
        }
        headers.names().stream().filter(name -> HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))).toList()
                .forEach(headers::remove);
    }
}
