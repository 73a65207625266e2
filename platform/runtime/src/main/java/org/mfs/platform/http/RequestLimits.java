package org.mfs.platform.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mfs.platform.framing.RequestFraming;
import org.mfs.platform.problem.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses, before any routing, what no operation of the suite accepts: what the gateway refuses too
 * ({@link RequestFraming}: a {@code Transfer-Encoding} no body can be read through, 400 or 501 and the connection
 * closed; a request URI longer than {@code mfs.http.max-uri-length}, 414; request headers larger than
 * {@code mfs.http.max-header-bytes} in all, 431; a URI that is not percent-encoded UTF-8 or holds a {@code ;}, 400),
 * and a NUL character anywhere in the URI ({@code %00}, 400;
 * PostgreSQL cannot store it and no identifier contains it). Each is an {@code application/problem+json}. The HTTP
 * codec's own limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set higher,
 * so these answers are the ones clients see; past the codec's limits the connection gets a bare 414 or 431.
 */
@ApplicationScoped
public class RequestLimits {

    private static final String NUL = "%00";

    private final int maxUriLength;
    private final int maxHeaderBytes;
    private final ObjectMapper json;

    public RequestLimits(@ConfigProperty(name = "mfs.http.max-uri-length", defaultValue = "8192") int maxUriLength,
            @ConfigProperty(name = "mfs.http.max-header-bytes", defaultValue = "16384") int maxHeaderBytes, ObjectMapper json) {
        this.maxUriLength = maxUriLength;
        this.maxHeaderBytes = maxHeaderBytes;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::check);
    }

    void check(RoutingContext ctx) {
        if (RequestFraming.dropIfClosing(ctx) || refusedFraming(ctx)) {
            return;
        }
        String uri = ctx.request().uri();
        if (uri.toLowerCase(Locale.ROOT).contains(NUL)) {
            List<String> params = nulParameters(ctx.request().query());
            String where = params.isEmpty() ? "the request URI contains"
                    : "the query parameter" + (params.size() == 1 ? " " : "s ") + String.join(", ", params)
                            + (params.size() == 1 ? " holds" : " hold");
            refuse(ctx, 400, "nul-character", "NUL character in the URI",
                    where + " an encoded NUL character (%00), which no path or query value may hold",
                    params.stream().map(p -> new Problem.FieldError(p, "holds an encoded NUL character (%00)")).toList());
            return;
        }
        ctx.next();
    }

    /** Refuses {@code ctx} when its framing, size or URI syntax is refused; true when it was. */
    private boolean refusedFraming(RoutingContext ctx) {
        Optional<RequestFraming.Refusal> framing = RequestFraming.check(ctx.request(), maxUriLength, maxHeaderBytes);
        if (framing.isEmpty()) {
            return false;
        }
        RequestFraming.Refusal refusal = framing.get();
        if (refusal.closesConnection()) {
            RequestFraming.closeAfterAnswer(ctx);
        }
        refuse(ctx, refusal.status(), refusal.type(), refusal.title(), refusal.detail(), refusal.parameters()
                .stream().map(p -> new Problem.FieldError(p, refusal.detail())).toList());
        return true;
    }

    /** The names of the query parameters whose raw value holds {@code %00}, each once. */
    static List<String> nulParameters(String query) {
        return RawQuery.parse(query).stream().filter(p -> p.rawValue().toLowerCase(Locale.ROOT).contains(NUL))
                .map(RawQuery::name).filter(name -> !name.contains("\u0000")).distinct().toList();
    }

    private void refuse(RoutingContext ctx, int status, String type, String title, String detail,
            List<Problem.FieldError> errors) {
        String path = ctx.request().path();
        String instance = path == null ? null : path.length() > 200 ? path.substring(0, 200) + "…" : path;
        try {
            String body = json.writeValueAsString(new Problem("urn:mfs:problem:" + type, title, status, detail,
                    instance == null ? null : instance.replace("\u0000", ""), errors == null || errors.isEmpty() ? null : errors));
            ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body);
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
