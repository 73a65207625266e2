package org.mfs.minerals.rest;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mfs.minerals.rest.AnalyticsDtos.GovernanceScore;
import org.mfs.minerals.rest.AnalyticsDtos.GovernanceScoreBody;
import org.mfs.minerals.rest.AnalyticsDtos.GovernanceScorePage;
import org.mfs.minerals.rest.AnalyticsDtos.SupplyRiskInputs;
import org.mfs.minerals.service.SupplyRiskService;
import org.mfs.minerals.service.SupplyRiskService.StoredInputs;
import org.mfs.platform.api.PageParams;
import org.mfs.platform.api.Versions;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.validation.CountryCode;
import org.mfs.platform.security.Roles;

@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/minerals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mineral supply-risk inputs", description = "Governance scores per country and supply-risk inputs per commodity, stored for the EU supply-risk indicator")
public class SupplyRiskInputResource {

    static final String INPUTS_EXAMPLE = """
            {"importReliance": 0.81, "eolRecyclingInputRate": 0.22, "substitutionIndex": 0.91, "economicImportance": 5.9,
             "euSourcing": [{"country": "CD", "share": 0.68}, {"country": "FI", "share": 0.14}],
             "tradeRestrictions": [], "source": "analyst inputs, illustrative"}
            """;

    private final SupplyRiskService service;

    public SupplyRiskInputResource(SupplyRiskService service) {
        this.service = service;
    }

    @GET
    @Path("governance-scores")
    @Operation(operationId = "listMineralGovernanceScores", summary = "Stored governance scores (WGI rescaled 0-10)")
    @APIResponse(responseCode = "200", description = "One page and the total",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GovernanceScorePage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, sort, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GovernanceScorePage list(@Valid @BeanParam PageParams paging,
            @QueryParam("country") @CountryCode @Parameter(example = "CD") String country,
            @QueryParam("year") @Min(1990) @Max(2200) Integer year,
            @QueryParam("sort") @Parameter(description = "country, year, score; - for descending", example = "-score") String sort) {
        return service.governanceScores(country, year, sort, paging.page, paging.size);
    }

    @PUT
    @Path("governance-scores/{country}/{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "putMineralGovernanceScore", summary = "Store a country's governance score for a year",
            description = "Creates it (201) or, with If-Match of the current ETag, replaces it (200).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "CD", value = "{\"score\": 8.2, \"source\": \"World Bank WGI 2023, rescaled 0-10\"}")))
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GovernanceScore.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GovernanceScore.class)))
    @APIResponse(responseCode = "400", description = "Invalid country, year or body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "The score exists and If-Match is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response putScore(@PathParam("country") @CountryCode @Parameter(example = "CD") String country,
            @PathParam("year") @Min(1990) @Max(2200) @Parameter(example = "2023") int year,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") GovernanceScoreBody body) {
        Map.Entry<GovernanceScore, Boolean> r = service.putGovernanceScore(country, year, ifMatch, body);
        return Response.status(r.getValue() ? 201 : 200).tag(Versions.etag(r.getKey().version())).entity(r.getKey()).build();
    }

    @GET
    @Path("supply-risk-inputs/{code}")
    @Operation(operationId = "getMineralSupplyRiskInputs", summary = "A commodity's stored supply-risk inputs")
    @APIResponse(responseCode = "200", description = "The inputs; ETag carries their version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupplyRiskInputs.class)))
    @APIResponse(responseCode = "404", description = "Unknown commodity or no inputs stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response getInputs(@PathParam("code") @Parameter(example = "cobalt") String code) {
        StoredInputs s = service.inputs(code).orElseThrow(() -> ProblemException.notFound("supply-risk inputs of", code));
        return Response.ok(s.inputs()).tag(Versions.etag(s.version())).build();
    }

    @PUT
    @Path("supply-risk-inputs/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "putMineralSupplyRiskInputs", summary = "Store a commodity's supply-risk inputs",
            description = "Creates them (201) or, with If-Match of the current ETag, replaces them (200).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "cobalt", value = INPUTS_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupplyRiskInputs.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupplyRiskInputs.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown commodity",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "Inputs exist and If-Match is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response putInputs(@PathParam("code") @Parameter(example = "cobalt") String code,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") SupplyRiskInputs body) {
        Map.Entry<StoredInputs, Boolean> r = service.putInputs(code, ifMatch, body);
        return Response.status(r.getValue() ? 201 : 200).tag(Versions.etag(r.getKey().version()))
                .entity(r.getKey().inputs()).build();
    }
}
