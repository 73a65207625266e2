package org.mfs.agreements.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mfs.agreements.Obligation;
import org.mfs.agreements.rest.ObligationDtos.CreateObligation;
import org.mfs.agreements.rest.ObligationDtos.CreateReport;
import org.mfs.agreements.rest.ObligationDtos.ObligationView;
import org.mfs.agreements.rest.ObligationDtos.StatusRequest;
import org.mfs.agreements.service.ObligationService;
import org.mfs.platform.idempotency.Idempotency;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.security.Roles;

@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/agreements/{agreementId}/obligations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agreement obligations", description = "ESG and other obligations, with monitoring reports")
public class ObligationResource {

    private final ObligationService service;
    private final Idempotency idempotency;

    public ObligationResource(ObligationService service, Idempotency idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "addAgreementObligation", summary = "Add an obligation on one of the parties",
            description = "Publishes agreement.obligation-added.v1.")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObligationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No agreement with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Responsible party is not a party, or Idempotency-Key reused",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response add(@PathParam("agreementId") UUID agreementId,
            @Valid @NotNull(message = "a JSON body is required") CreateObligation request,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = ProjectResource.KEY) String key) {
        return idempotency.run(key, "POST /api/v1/agreements/" + agreementId + "/obligations", request, () -> {
            Obligation o = service.add(agreementId, request);
            return Response.created(URI.create("/api/v1/agreements/" + agreementId + "/obligations/" + o.id))
                    .entity(service.view(agreementId, o.id)).build();
        });
    }

    @GET
    @Operation(operationId = "listAgreementObligations", summary = "An agreement's obligations, by due date",
            description = "status is OVERDUE for a pending obligation past its due date.")
    @APIResponse(responseCode = "200", description = "Obligations with their monitoring reports",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ObligationView.class)))
    @APIResponse(responseCode = "404", description = "No agreement with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ObligationView> list(@PathParam("agreementId") UUID agreementId) {
        return service.list(agreementId);
    }

    @GET
    @Path("{obligationId}")
    @Operation(operationId = "getAgreementObligation", summary = "One obligation")
    @APIResponse(responseCode = "200", description = "The obligation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObligationView.class)))
    @APIResponse(responseCode = "404", description = "No such agreement or obligation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ObligationView get(@PathParam("agreementId") UUID agreementId, @PathParam("obligationId") UUID obligationId) {
        return service.view(agreementId, obligationId);
    }

    @POST
    @Path("{obligationId}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "setAgreementObligationStatus", summary = "Mark an obligation met, waived or pending",
            description = "Publishes agreement.obligation-status-changed.v1. A retry with the same Idempotency-Key and "
                    + "body returns the first response and records nothing.")
    @APIResponse(responseCode = "200", description = "The obligation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObligationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (OVERDUE cannot be set)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such agreement or obligation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response status(@PathParam("agreementId") UUID agreementId, @PathParam("obligationId") UUID obligationId,
            @Valid @NotNull(message = "a JSON body is required") StatusRequest request,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = ProjectResource.KEY) String key) {
        return idempotency.run(key, "POST /api/v1/agreements/" + agreementId + "/obligations/" + obligationId + "/status",
                request, () -> {
                    service.setStatus(agreementId, obligationId, request);
                    return Response.ok(service.view(agreementId, obligationId)).build();
                });
    }

    @POST
    @Path("{obligationId}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MONITOR)
    @Operation(operationId = "addAgreementMonitoringReport", summary = "Add a monitoring report on an obligation",
            description = "Publishes agreement.monitoring-report-added.v1.")
    @APIResponse(responseCode = "201", description = "The obligation with its reports",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObligationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such agreement or obligation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response report(@PathParam("agreementId") UUID agreementId, @PathParam("obligationId") UUID obligationId,
            @Valid @NotNull(message = "a JSON body is required") CreateReport request,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = ProjectResource.KEY) String key) {
        return idempotency.run(key, "POST /api/v1/agreements/" + agreementId + "/obligations/" + obligationId + "/reports",
                request, () -> {
                    service.report(agreementId, obligationId, request);
                    return Response.status(201).entity(service.view(agreementId, obligationId)).build();
                });
    }
}
