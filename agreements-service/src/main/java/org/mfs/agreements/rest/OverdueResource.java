package org.mfs.agreements.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mfs.agreements.rest.ObligationDtos.OverdueCheckResult;
import org.mfs.agreements.service.ObligationService;
import org.mfs.platform.security.Roles;

@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/agreements/obligations/overdue-check")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agreement obligations")
public class OverdueResource {

    private final ObligationService service;

    public OverdueResource(ObligationService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "checkAgreementObligationsOverdue", summary = "Run the overdue check now",
            description = "The same check the daily job runs: publishes agreement.obligation-overdue.v1 once for each "
                    + "obligation that is pending past its due date and was not notified before. Idempotent by nature, "
                    + "so it takes no Idempotency-Key: running it again publishes nothing for obligations already notified.")
    @APIResponse(responseCode = "200", description = "The obligations newly found overdue",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OverdueCheckResult.class)))
    public OverdueCheckResult check() {
        return service.checkOverdue();
    }
}
