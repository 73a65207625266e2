package org.mfs.platform.observability;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;

/**
 * Puts the correlation id the gateway passes on ({@code X-Request-Id}) into the MDC (key {@code requestId}) of every
 * log line written while the request is handled, and returns it to the caller. Only well-formed ids are taken (the
 * gateway's rule: 1-128 of letters, digits and {@code . _ : -}); the service never generates one.
 */
@ApplicationScoped
public class RequestIdLogging {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void register(@Observes Router router) {
        router.route().order(-10_000).handler(ctx -> {
            String id = ctx.request().getHeader(HEADER);
            if (id != null && VALID.matcher(id).matches()) {
                MDC.put(MDC_KEY, id);
                ctx.response().putHeader(HEADER, id);
            }
            ctx.next();
        });
    }
}
