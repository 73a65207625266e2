package org.mfs.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.mfs.gateway.routing.Problems;
import org.mfs.platform.security.Unauthenticated;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's 401 (no token, or a token that fails verification) and 403 as {@code application/problem+json}
 * with {@code WWW-Authenticate: Bearer} (RFC 6750), the same problems the services send.
 */
@ApplicationScoped
class AuthFailures {

    /** After authentication (route order -200), before the path policies (-100). */
    static final int ORDER_AFTER_AUTHENTICATION = -150;

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
        // without a verified identity, /api/** ends here: Quarkus would answer the policy's 401 with an empty body
        router.route("/api/*").order(ORDER_AFTER_AUTHENTICATION).handler(ctx -> {
            if (ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
                ctx.next();
            } else {
                unauthorized(ctx);
            }
        });
    }

    private static void unauthorized(RoutingContext ctx) {
        Unauthenticated.Answer answer = Unauthenticated.of(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        ctx.response().putHeader("WWW-Authenticate", answer.challenge());
        Problems.send(ctx.response(), 401, "unauthorized", "Authentication required", answer.detail(), ctx.request().path());
    }

    private void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().ended() || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        String path = ctx.request().path();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            unauthorized(ctx);
        } else if (failure instanceof ForbiddenException) {
            Problems.send(ctx.response(), 403, "forbidden", "Not allowed",
                    "your roles do not allow this operation", path);
        } else if (providerUnavailable(failure)) {
            ctx.response().putHeader("Retry-After", "5");
            Problems.send(ctx.response(), 503, "identity-provider-unavailable", "Identity provider unavailable",
                    "the token cannot be verified now: the OpenID Connect provider does not answer; retry", path);
        } else {
            ctx.next();
        }
    }

    /** The issuer's discovery document or keys could not be fetched (quarkus-oidc's OIDCException). */
    static boolean providerUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.quarkus.oidc.OIDCException) {
                return true;
            }
        }
        return false;
    }
}
