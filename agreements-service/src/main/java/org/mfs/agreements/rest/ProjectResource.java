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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mfs.agreements.Project;
import org.mfs.agreements.rest.ProjectDtos.CreateProject;
import org.mfs.agreements.rest.ProjectDtos.DecisionRequest;
import org.mfs.agreements.rest.ProjectDtos.DesignateRequest;
import org.mfs.agreements.rest.ProjectDtos.ProjectView;
import org.mfs.agreements.service.ProjectService;
import org.mfs.agreements.service.Views;
import org.mfs.platform.idempotency.Idempotency;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.validation.CountryCode;
import org.mfs.platform.security.Roles;

@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/agreements/{agreementId}/projects")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agreement projects", description = "Projects under an agreement and their bilateral prioritisation")
public class ProjectResource {

    private static final String GRAND_INGA = """
            {"name": "Grand Inga hydropower", "sector": "ENERGY",
             "location": {"country": "CD", "region": "Kongo Central", "latitude": -5.52, "longitude": 13.62},
             "estimatedCost": {"amount": 10000000000, "currency": "USD"}, "capacity": {"value": 43200, "unit": "MW"}}
            """;

    static final String KEY = "Makes a retried request safe: a retry with the same key and body gets the first response "
            + "(header Idempotent-Replayed: true) and changes nothing; 1 to 200 characters";

    private final ProjectService service;
    private final Views views;
    private final Idempotency idempotency;

    public ProjectResource(ProjectService service, Views views, Idempotency idempotency) {
        this.service = service;
        this.views = views;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "addAgreementProject", summary = "Add a project under an agreement",
            description = "Publishes agreement.project-added.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "Grand Inga", value = GRAND_INGA)))
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No agreement with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response add(@PathParam("agreementId") UUID agreementId,
            @Valid @NotNull(message = "a JSON body is required") CreateProject request,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = KEY) String key) {
        return idempotency.run(key, "POST /api/v1/agreements/" + agreementId + "/projects", request, () -> {
            Project p = service.add(agreementId, request);
            return Response.created(URI.create("/api/v1/agreements/" + agreementId + "/projects/" + p.id))
                    .entity(views.project(p)).build();
        });
    }

    @GET
    @Operation(operationId = "listAgreementProjects", summary = "The projects under an agreement")
    @APIResponse(responseCode = "200", description = "Projects, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ProjectView.class)))
    @APIResponse(responseCode = "404", description = "No agreement with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ProjectView> list(@PathParam("agreementId") UUID agreementId,
            @QueryParam("prioritised") @Parameter(description = "Only projects the joint committee approved") boolean prioritised) {
        return service.list(agreementId, prioritised).stream().map(views::project).toList();
    }

    @GET
    @Path("{projectId}")
    @Operation(operationId = "getAgreementProject", summary = "One project")
    @APIResponse(responseCode = "200", description = "The project",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "404", description = "No such agreement or project",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProjectView get(@PathParam("agreementId") UUID agreementId, @PathParam("projectId") UUID projectId) {
        return views.project(service.get(agreementId, projectId));
    }

    @PUT
    @Path("{projectId}/designations/{country}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "designateAgreementProject", summary = "A party designates the project strategic or critical",
            description = "Only a party to the agreement may; a repeated designation replaces the party's earlier one. "
                    + "Publishes agreement.project-designated.v1.")
    @APIResponse(responseCode = "200", description = "The project with its designations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body or country code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such agreement or project",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The country is not a party to the agreement",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProjectView designate(@PathParam("agreementId") UUID agreementId, @PathParam("projectId") UUID projectId,
            @PathParam("country") @CountryCode String country,
            @Valid @NotNull(message = "a JSON body is required") DesignateRequest request) {
        return views.project(service.designate(agreementId, projectId, country, request));
    }

    @POST
    @Path("{projectId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.COMMITTEE)
    @Operation(operationId = "decideAgreementProject", summary = "Record the joint committee's decision",
            description = "APPROVED lists the project as prioritised. Publishes agreement.project-decided.v1. A retry "
                    + "with the same Idempotency-Key and body returns the first response and records nothing.")
    @APIResponse(responseCode = "200", description = "The project with its decision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such agreement or project",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response decide(@PathParam("agreementId") UUID agreementId, @PathParam("projectId") UUID projectId,
            @Valid @NotNull(message = "a JSON body is required") DecisionRequest request,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = KEY) String key) {
        return idempotency.run(key, "POST /api/v1/agreements/" + agreementId + "/projects/" + projectId + "/decision",
                request, () -> Response.ok(views.project(service.decide(agreementId, projectId, request))).build());
    }
}
