package org.mfs.platform.framing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;

/**
 * The request's {@code Transfer-Encoding}, as RFC 9112 (section 6) wants a server to treat it. The HTTP codec already
 * refuses {@code chunked} that is not the last coding and a request with both {@code Transfer-Encoding} and
 * {@code Content-Length}; it lets other codings through, and the body is then read as empty, so the client would be
 * told that its body is missing, or the bytes it sent would be read as its next request. This answers them instead:
 * <ul>
 * <li>a last coding other than {@code chunked}: the body's length cannot be known, 400, and the connection is
 * closed (section 6.3);</li>
 * <li>{@code chunked} after a coding the suite does not decode (gzip, …): 501 (section 6.1).</li>
 * </ul>
 * Shared by the gateway and every service, each answering with its own problem document. Whatever the client sent
 * after such a request cannot be told apart from a request of its own, so it is never served: the connection is
 * closed once the answer is written ({@link #closeAfterAnswer}), and a request the codec already read behind the
 * refused one is dropped unanswered ({@link #dropIfClosing}).
 */
public final class TransferCodings {

    /** Connections answered with a refusal and not yet closed. */
    private static final Set<HttpConnection> CLOSING = ConcurrentHashMap.newKeySet();

    /** Why a request is refused: its status, a problem type and title, and the detail a client reads. */
    public record Refusal(int status, String type, String title, String detail) {
    }

    private TransferCodings() {
    }

    /** The refusal for a request's {@code Transfer-Encoding} header value ({@code null}: none), or empty. */
    public static Optional<Refusal> check(String header) {
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
                            + " send the body with Content-Length or with Transfer-Encoding: chunked"));
        }
        if (codings.size() > 1) {
            return Optional.of(new Refusal(501, "transfer-encoding-not-supported", "Transfer coding not supported",
                    "Transfer-Encoding '" + shown + "': only chunked is decoded; send the body without "
                            + String.join(", ", codings.subList(0, codings.size() - 1))));
        }
        return Optional.empty();
    }

    /**
     * Closes the connection of {@code ctx} once its answer is written, and until then drops every request read after
     * it on that connection. Call before writing the answer.
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
