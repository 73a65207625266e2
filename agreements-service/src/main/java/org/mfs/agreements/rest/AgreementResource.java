package org.mfs.agreements.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mfs.agreements.Agreement;
import org.mfs.agreements.rest.AgreementDtos.AgreementPage;
import org.mfs.agreements.rest.AgreementDtos.AgreementView;
import org.mfs.agreements.rest.AgreementDtos.CreateAgreement;
import org.mfs.agreements.service.AgreementService;
import org.mfs.platform.api.PageParams;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.api.Versions;

@Path("/api/v1/agreements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agreements", description = "Minerals-for-security agreements and their parties")
public class AgreementResource {

    private static final String CREATE_EXAMPLE = """
            {"title": "DRC-US Strategic Partnership", "type": "STRATEGIC_PARTNERSHIP",
             "parties": [{"country": "CD", "role": "RESOURCE_HOLDER"}, {"country": "US", "role": "INVESTOR_PARTNER"}]}
            """;

    private final AgreementService service;

    public AgreementResource(AgreementService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAgreement", summary = "Record a new agreement (status DRAFT)",
            description = "Publishes agreement.created.v1 on agreements.agreement.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "DRC-US", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field, wrong type or failed validation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body not sent as application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull(message = "a JSON body is required") CreateAgreement request) {
        Agreement a = service.create(request);
        return Response.created(URI.create("/api/v1/agreements/" + a.id)).tag(etag(a)).entity(AgreementView.of(a)).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getAgreement", summary = "One agreement")
    @APIResponse(responseCode = "200", description = "The agreement; ETag carries its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "404", description = "No agreement with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Agreement a = service.get(id);
        return Response.ok(AgreementView.of(a)).tag(etag(a)).build();
    }

    @GET
    @Operation(operationId = "listAgreements", summary = "Agreements, newest first, a page at a time")
    @APIResponse(responseCode = "200", description = "One page and the total",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AgreementPage list(@Valid @BeanParam PageParams paging) {
        return new AgreementPage(service.page(paging.page, paging.size).stream().map(AgreementView::of).toList(),
                paging.page, paging.size, service.count());
    }

    static EntityTag etag(Agreement a) {
        return Versions.etag(a.version);
    }
}
