package org.mfs.gateway.overview;

import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.mfs.gateway.routing.Problems;
import org.mfs.platform.framing.Refusals;

import io.vertx.core.http.HttpServerRequest;

/**
 * What Quarkus REST refuses before the overview runs (another method than GET, HEAD or OPTIONS; an Accept header
 * that allows no JSON) as {@code application/problem+json}, as the services answer it. Without this the gateway
 * answered such requests with an empty body.
 */
public class OverviewRefusals {

    private static final Logger LOG = Logger.getLogger(OverviewRefusals.class);
    private static final String ALLOWED = "GET, HEAD, OPTIONS";

    @ServerExceptionMapper
    public Response refused(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        String path = request.path();
        if (status == 405) {
            String allow = e.getResponse().getHeaderString("Allow");
            allow = allow != null ? allow : ALLOWED;
            return problem(405, "method-not-allowed", "Method not allowed", Refusals.methodNotAllowed(path, allow), path)
                    .header("Allow", allow).build();
        }
        if (status == 406) {
            return problem(406, "not-acceptable", "Response media type not available",
                    Refusals.notAcceptable(request.getHeader("Accept")), path).build();
        }
        if (status < 500) {
            Response.StatusType reason = e.getResponse().getStatusInfo();
            return problem(status, "client-error", reason.getReasonPhrase(), e.getMessage(), path).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, incident %s, on %s", incident, path);
        return problem(500, "internal-error", "Internal error",
                "the request failed unexpectedly; quote incident " + incident + " to the operators", path).build();
    }

    private static Response.ResponseBuilder problem(int status, String slug, String title, String detail, String path) {
        return Response.status(status).type(Problems.MEDIA_TYPE)
                .entity(Problems.json(status, slug, title, detail, path).encode());
    }
}
