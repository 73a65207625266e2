package org.mfs.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.mfs.platform.problem.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * 401 and 403 as {@code application/problem+json}, wherever the check fails: in the HTTP layer (token
 * verification and the {@code /api/*} policy, before any resource runs) or in a resource ({@code @RolesAllowed}
 * and object-level checks that throw {@link ForbiddenException}). A 401 always carries
 * {@code WWW-Authenticate: Bearer} (RFC 6750), and says what was wrong with the credentials sent
 * ({@link Unauthenticated}, as the gateway does).
 */
@ApplicationScoped
public class AuthProblems {

    static final String FORBIDDEN = "your roles or partner country do not allow this operation";

    private final ObjectMapper mapper;

    public AuthProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Runs after authentication (route order -200) and before the path policies (-100). */
    static final int ORDER_AFTER_AUTHENTICATION = -150;

    void failures(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
        // without a verified identity, /api/** ends here: Quarkus would answer the policy's 401 with an empty body
        router.route("/api/*").order(ORDER_AFTER_AUTHENTICATION).handler(ctx -> {
            if (ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
                ctx.next();
                return;
            }
            unauthorized(ctx);
        });
    }

    private void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().ended() || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            unauthorized(ctx);
        } else if (failure instanceof ForbiddenException) {
            ctx.response().setStatusCode(403)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json(forbidden(null, ctx.request().path())));
        } else if (providerUnavailable(failure)) {
            ctx.response().setStatusCode(503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", "5")
                    .end(json(new Problem("urn:mfs:problem:identity-provider-unavailable", "Identity provider unavailable",
                            503, "the token cannot be verified now: the OpenID Connect provider does not answer; retry",
                            ctx.request().path(), null)));
        } else {
            ctx.next();
        }
    }

    private void unauthorized(RoutingContext ctx) {
        Unauthenticated.Answer answer = Unauthenticated.of(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        ctx.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", answer.challenge())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(json(unauthorizedProblem(answer, ctx.request().path())));
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

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri,
            jakarta.ws.rs.core.HttpHeaders headers) {
        return unauthorizedResponse(headers, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, jakarta.ws.rs.core.HttpHeaders headers) {
        return unauthorizedResponse(headers, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(json(forbidden(e.getMessage(), path(uri)))).build();
    }

    private Response unauthorizedResponse(jakarta.ws.rs.core.HttpHeaders headers, UriInfo uri) {
        Unauthenticated.Answer answer = Unauthenticated.of(headers == null ? null : headers.getHeaderString("Authorization"));
        return Response.status(401).header("WWW-Authenticate", answer.challenge()).type(Problem.MEDIA_TYPE)
                .entity(json(unauthorizedProblem(answer, path(uri)))).build();
    }

    static Problem unauthorizedProblem(Unauthenticated.Answer answer, String path) {
        return new Problem("urn:mfs:problem:unauthorized", "Authentication required", 401, answer.detail(), path, null);
    }

    static Problem forbidden(String detail, String path) {
        boolean specific = detail != null && !detail.isBlank() && !"Forbidden".equalsIgnoreCase(detail);
        return new Problem("urn:mfs:problem:forbidden", "Not allowed", 403, specific ? detail : FORBIDDEN, path, null);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private String json(Problem p) {
        try {
            return mapper.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
