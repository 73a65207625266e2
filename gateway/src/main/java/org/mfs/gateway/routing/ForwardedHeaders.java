package org.mfs.gateway.routing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import org.mfs.gateway.config.GatewayConfig;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * The forwarding headers the services see. A client's own {@code X-Forwarded-*} and {@code Forwarded} headers are
 * believed only from the configured trusted proxies (then the chain is extended); from anyone else they are dropped
 * and replaced by what the gateway sees, so a client cannot choose the host its {@code Location} headers name.
 */
@Singleton
public class ForwardedHeaders {

    private static final String[] KEPT_FROM_TRUSTED = { "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port",
            "X-Forwarded-Prefix", "Forwarded" };

    private final List<Cidr> trusted = new ArrayList<>();

    ForwardedHeaders(GatewayConfig config) {
        for (String entry : config.trustedProxies().orElse(List.of())) {
            trusted.add(Cidr.parse(entry.trim()));
        }
    }

    /** Sets the forwarding headers on a request to a service (the copied headers no longer contain any). */
    void apply(HttpServerRequest in, MultiMap out) {
        String peer = peer(in);
        if (isTrusted(peer)) {
            String chain = in.headers().get("X-Forwarded-For");
            out.set("X-Forwarded-For", chain == null || chain.isBlank() ? peer : chain + ", " + peer);
            for (String name : KEPT_FROM_TRUSTED) {
                List<String> values = in.headers().getAll(name);
                if (!values.isEmpty()) {
                    out.set(name, values);
                }
            }
        } else {
            out.set("X-Forwarded-For", peer);
        }
        if (!out.contains("X-Forwarded-Proto")) {
            out.set("X-Forwarded-Proto", in.scheme());
        }
        if (!out.contains("X-Forwarded-Host") && in.authority() != null) {
            out.set("X-Forwarded-Host", in.authority().toString());
        }
    }

    /**
     * The client's address: the connection's peer, or when that is a trusted proxy, the right-most address of
     * {@code X-Forwarded-For} that is not a trusted proxy.
     */
    public String clientAddress(HttpServerRequest in) {
        String peer = peer(in);
        if (!isTrusted(peer)) {
            return peer;
        }
        String chain = in.headers().get("X-Forwarded-For");
        if (chain == null) {
            return peer;
        }
        String[] hops = chain.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private static String peer(HttpServerRequest in) {
        return in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress();
    }

    private boolean isTrusted(String address) {
        if (trusted.isEmpty()) {
            return false;
        }
        byte[] bytes = Cidr.literal(address);
        if (bytes == null) {
            return false;
        }
        for (Cidr cidr : trusted) {
            if (cidr.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** An address or range ({@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1}). */
    record Cidr(byte[] network, int prefixBits) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("mfs.gateway.trusted-proxies: not an IP address or CIDR range: " + text);
            }
            int bits = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("mfs.gateway.trusted-proxies: bad prefix length in " + text);
            }
            return new Cidr(address, bits);
        }

        /** The bytes of a numeric IP address; null for anything else (host names are never resolved). */
        static byte[] literal(String text) {
            if (text.isEmpty() || !(Character.digit(text.charAt(0), 16) >= 0 || text.charAt(0) == ':')
                    || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return null;
            }
            try {
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
