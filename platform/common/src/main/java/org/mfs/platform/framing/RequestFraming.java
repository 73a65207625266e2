package org.mfs.platform.framing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * What the gateway and every service refuse before any routing, the same way (each writes the refusal in its own
 * problem document):
 * <ul>
 * <li>a {@code Transfer-Encoding} whose last coding is not {@code chunked}: the body's length cannot be known, 400,
 * and the connection is closed (RFC 9112, section 6.3). The HTTP codec lets such a request through as one without a
 * body, and would read the bytes after it as the client's next request;</li>
 * <li>{@code chunked} after a coding the suite does not decode (gzip, …): 501 (section 6.1), connection closed;</li>
 * <li>a request target longer than the configured limit (414), headers larger in all (431);</li>
 * <li>a request target that is not percent-encoded UTF-8 ({@link UriSyntax}), or holds a {@code ;} (400);</li>
 * <li>a header that takes one value given more than once ({@code Host}, {@code Authorization}, … ; 400).</li>
 * </ul>
 * The codec itself already refuses {@code chunked} that is not last and both {@code Transfer-Encoding} and
 * {@code Content-Length}; its own size limits are set higher than these, so these are the answers clients see.
 * After a refusal that closes the connection, whatever the client sent behind the request is never served
 * ({@link #closeAfterAnswer}, {@link #dropIfClosing}).
 */
public final class RequestFraming {

    /**
     * Headers that take one value, which a reader could take from either of two copies: the gateway and the services
     * would each use the first, a proxy in front perhaps the last (RFC 9112, section 3.2, requires a 400 for two
     * {@code Host} lines).
     */
    private static final String[] SINGLE = { "Host", "Authorization", "Content-Type", "X-Request-Id", "Idempotency-Key" };

    /** Connections answered with a refusal that closes them, and not yet closed. */
    private static final Set<HttpConnection> CLOSING = ConcurrentHashMap.newKeySet();

    /**
     * Why a request is refused: its status, a problem type and title, the detail a client reads, and the query
     * parameters at fault (none when the refusal is not about one).
     */
    public record Refusal(int status, String type, String title, String detail, boolean closesConnection,
            List<String> parameters) {

        public Refusal(int status, String type, String title, String detail, boolean closesConnection) {
            this(status, type, title, detail, closesConnection, List.of());
        }
    }

    private RequestFraming() {
    }

    /** The refusal for {@code request}, or empty when nothing in its framing or size is refused. */
    public static Optional<Refusal> check(HttpServerRequest request, int maxUriLength, int maxHeaderBytes) {
        Optional<Refusal> coding = transferCoding(request.getHeader("Transfer-Encoding"));
        if (coding.isPresent()) {
            return coding;
        }
        int uriLength = request.uri().length();
        if (uriLength > maxUriLength) {
            return Optional.of(new Refusal(414, "uri-too-long", "URI too long", "The request target is " + uriLength
                    + " characters long; at most " + maxUriLength + " are accepted", false));
        }
        Optional<Refusal> syntax = UriSyntax.check(request.uri());
        if (syntax.isPresent()) {
            return syntax;
        }
        int headerBytes = 0;
        int[] singleSeen = new int[SINGLE.length];
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
            for (int i = 0; i < SINGLE.length; i++) {
                if (SINGLE[i].equalsIgnoreCase(header.getKey())) {
                    singleSeen[i]++;
                }
            }
        }
        if (headerBytes > maxHeaderBytes) {
            return Optional.of(new Refusal(431, "headers-too-large", "Request headers too large", "The request headers"
                    + " take " + headerBytes + " bytes; at most " + maxHeaderBytes + " are accepted", false));
        }
        for (int i = 0; i < SINGLE.length; i++) {
            if (singleSeen[i] > 1) {
                return Optional.of(new Refusal(400, "repeated-header", "Header given more than once", "The header "
                        + SINGLE[i] + " is given " + singleSeen[i] + " times; it takes one value, so send it once",
                        false));
            }
        }
        return Optional.empty();
    }

    /** The refusal for a {@code Transfer-Encoding} header value ({@code null}: none), or empty. */
    static Optional<Refusal> transferCoding(String header) {
        if (header == null) {
            return Optional.empty();
        }
        List<String> codings = new ArrayList<>();
        for (String part : header.split(",")) {
            String coding = part.strip();
            int parameters = coding.indexOf(';');
            coding = (parameters < 0 ? coding : coding.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
            if (!coding.isEmpty()) {
                codings.add(coding);
            }
        }
        String shown = header.length() > 60 ? header.substring(0, 60) + "…" : header;
        if (codings.isEmpty() || !codings.get(codings.size() - 1).equals("chunked")) {
            return Optional.of(new Refusal(400, "transfer-encoding-not-chunked", "Body length unknown",
                    "Transfer-Encoding '" + shown + "' does not end with chunked, so the body's length cannot be known;"
                            + " send the body with Content-Length or with Transfer-Encoding: chunked", true));
        }
        if (codings.size() > 1) {
            return Optional.of(new Refusal(501, "transfer-encoding-not-supported", "Transfer coding not supported",
                    "Transfer-Encoding '" + shown + "': only chunked is decoded; send the body without "
                            + String.join(", ", codings.subList(0, codings.size() - 1)), true));
        }
        return Optional.empty();
    }

    /**
     * For a refusal that closes the connection: closes it once the answer is written, and until then drops every
     * request read after it on that connection. Call before writing the answer. The mark goes with the connection:
     * Vert.x Web runs a context's end handlers when the answer ends, fails or the connection closes.
     */
    public static void closeAfterAnswer(RoutingContext ctx) {
        HttpConnection connection = ctx.request().connection();
        CLOSING.add(connection);
        ctx.response().putHeader("Connection", "close");
        ctx.addEndHandler(written -> connection.close().onComplete(closed -> CLOSING.remove(connection)));
    }

    /** True, and the connection closed, when {@code ctx} came on a connection closing after a refusal. */
    public static boolean dropIfClosing(RoutingContext ctx) {
        if (CLOSING.isEmpty() || !CLOSING.contains(ctx.request().connection())) {
            return false;
        }
        ctx.request().connection().close();
        return true;
    }
}
