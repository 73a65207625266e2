package org.mfs.minerals.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.mfs.minerals.service.imports.ImportRefused;
import org.mfs.platform.problem.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The 429 of a refused import, with its {@code Retry-After} (the platform mapper renders problems without headers). */
public class ImportProblems {

    private final ObjectMapper mapper;

    public ImportProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @ServerExceptionMapper
    public Response refused(ImportRefused e, UriInfo uri) throws JsonProcessingException {
        Problem p = new Problem("urn:mfs:problem:" + e.type(), e.title(), e.status(), e.getMessage(),
                uri == null ? null : uri.getPath(), null);
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).header("Retry-After", e.retryAfterSeconds())
                .entity(mapper.writeValueAsString(p)).build();
    }
}
