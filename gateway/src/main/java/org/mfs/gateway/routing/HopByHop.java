package org.mfs.gateway.routing;

import java.util.Map;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/**
 * Copies end-to-end headers between a request or response and the next hop. Dropped: the hop-by-hop headers of
 * RFC 9110 7.6.1 plus the proxy authentication pair, any header the Connection header names, Host (the next hop gets
 * its own authority), and the headers the gateway itself sets (forwarding, correlation id, identity claims, W3C trace
 * context).
 */
final class HopByHop {

    /** Case-insensitive lookup without allocation (Vert.x header map). */
    private static final MultiMap DROPPED = HttpHeaders.headers()
            .add("connection", "").add("keep-alive", "").add("proxy-connection", "").add("te", "")
            .add("trailer", "").add("transfer-encoding", "").add("upgrade", "").add("proxy-authenticate", "")
            .add("proxy-authorization", "").add("host", "")
            .add("x-forwarded-for", "").add("x-forwarded-proto", "").add("x-forwarded-host", "")
            .add("x-forwarded-port", "").add("x-forwarded-prefix", "").add("x-forwarded-server", "")
            .add("forwarded", "").add("x-actor", "").add(RequestIds.HEADER, "")
            // trace context: the gateway's HTTP client sets its own (its span, child of the client's), ADR 16
            .add("traceparent", "").add("tracestate", "").add("baggage", "");

    private HopByHop() {
    }

    static void copy(MultiMap from, MultiMap to) {
        String connection = from.get(HttpHeaders.CONNECTION);
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (!DROPPED.contains(name) && (connection == null || !namedIn(connection, name))) {
                to.add(name, header.getValue());
            }
        }
    }

    /** Whether a Connection header value ({@code close, X-Foo}) names the header. */
    private static boolean namedIn(String connection, String name) {
        for (String token : connection.split(",")) {
            if (token.trim().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
