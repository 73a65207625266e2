package org.mfs.security.rest;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mfs.platform.api.PageParams;
import org.mfs.platform.problem.Problem;

@Path("/api/v1/security-cooperation/programmes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Security cooperation", description = "Security-assistance programmes")
public class ProgrammeResource {

    private final EntityManager em;

    public ProgrammeResource(EntityManager em) {
        this.em = em;
    }

    @Schema(name = "SecurityProgrammeSummary")
    public record ProgrammeSummary(UUID id, String name) {
    }

    @Schema(name = "SecurityProgrammePage")
    public record ProgrammePage(List<ProgrammeSummary> items, int page, int size, long total) {
    }

    @GET
    @Operation(operationId = "listSecurityProgrammes", summary = "Security-assistance programmes, a page at a time")
    @APIResponse(responseCode = "200", description = "One page and the total",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgrammePage.class)))
    @APIResponse(responseCode = "400", description = "Invalid page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProgrammePage list(@Valid @BeanParam PageParams paging) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, name from programme order by created_at desc, id")
                .setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from programme").getSingleResult()).longValue();
        return new ProgrammePage(rows.stream().map(r -> new ProgrammeSummary((UUID) r[0], (String) r[1])).toList(),
                paging.page, paging.size, total);
    }
}
