package org.mfs.minerals.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mfs.minerals.Commodity;
import org.mfs.minerals.CommodityCategory;
import org.mfs.minerals.Listing;
import org.mfs.minerals.rest.CommodityDtos.CommodityFields;
import org.mfs.minerals.rest.CommodityDtos.CommodityPage;
import org.mfs.minerals.rest.CommodityDtos.CommodityView;
import org.mfs.minerals.rest.CommodityDtos.CreateCommodity;
import org.mfs.minerals.service.CommodityService;
import org.mfs.platform.api.PageParams;
import org.mfs.platform.api.Versions;
import org.mfs.platform.idempotency.Idempotency;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.security.Roles;

@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/minerals/commodities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mineral commodities", description = "The critical-mineral catalogue: codes, HS codes, units, list memberships")
public class CommodityResource {

    static final String CREATE_EXAMPLE = """
            {"code": "niobium", "name": "Niobium", "symbol": "Nb", "category": "TECHNOLOGY_METAL", "unit": "t",
             "unitBasis": "metric tons of contained niobium", "hsCodes": ["2615.90", "8112.92"],
             "listings": ["US_CRITICAL_2022", "US_CRITICAL_2025", "EU_CRITICAL_2023"], "aliases": ["Niobium (columbium)"]}
            """;
    static final String UPDATE_EXAMPLE = """
            {"name": "Cobalt", "symbol": "Co", "category": "BATTERY_MATERIAL", "unit": "t",
             "unitBasis": "metric tons of contained cobalt (mine: cobalt content of ores and concentrates; refinery: refined cobalt)",
             "hsCodes": ["2605", "8105", "2822"],
             "listings": ["US_CRITICAL_2022", "US_CRITICAL_2025", "EU_CRITICAL_2023", "EU_STRATEGIC_2023"],
             "aliases": ["Cobalt"], "description": "Battery cathodes and superalloys."}
            """;

    /** The Idempotency-Key header's description, shared by the creating POSTs of this service. */
    static final String KEY = "Makes a retried create safe: a retry with the same key and body gets the first response "
            + "(header Idempotent-Replayed: true) and creates nothing; 1 to 200 characters";

    private final CommodityService service;
    private final Idempotency idempotency;

    public CommodityResource(CommodityService service, Idempotency idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    @GET
    @Operation(operationId = "listMineralCommodities", summary = "The commodity catalogue, a page at a time",
            description = "Filter by category, list membership, text (code, name or alias) and HS code; sort by code, name, category or updatedAt (prefix - for descending).")
    @APIResponse(responseCode = "200", description = "One page and the total",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommodityPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, sort, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CommodityPage list(@Valid @BeanParam PageParams paging,
            @QueryParam("category") @Parameter(description = "Only this category", example = "BATTERY_MATERIAL") CommodityCategory category,
            @QueryParam("listing") @Parameter(description = "Only commodities on this list", example = "EU_STRATEGIC_2023") Listing listing,
            @QueryParam("q") @Size(max = 100) @Parameter(description = "Text in the code, name or an alias", example = "graphite") String q,
            @QueryParam("hsCode") @Size(max = 10) @Parameter(description = "HS code or prefix", example = "2615") String hsCode,
            @QueryParam("sort") @Parameter(description = "code, name, category, updatedAt; - for descending", example = "name") String sort) {
        return service.list(category, listing, q, hsCode, sort, paging.page, paging.size);
    }

    @GET
    @Path("{code}")
    @Operation(operationId = "getMineralCommodity", summary = "One commodity by its code")
    @APIResponse(responseCode = "200", description = "The commodity; ETag carries its version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommodityView.class)))
    @APIResponse(responseCode = "404", description = "No commodity with this code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("code") @Parameter(example = "cobalt") String code) {
        Commodity c = service.get(code);
        return Response.ok(CommodityView.of(c)).tag(Versions.etag(c.version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "createMineralCommodity", summary = "Add a commodity to the catalogue",
            description = "Publishes commodity.created.v1 (the full commodity) on minerals.commodity.v1, keyed by code. "
                    + "A retry with the same Idempotency-Key and body returns the first response and creates nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "niobium", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommodityView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field, wrong type or failed validation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A commodity with this code exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body not sent as application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull(message = "a JSON body is required") CreateCommodity request,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = KEY) String key) {
        return idempotency.run(key, "POST /api/v1/minerals/commodities", request, () -> {
            Commodity c = service.create(request);
            return Response.created(URI.create("/api/v1/minerals/commodities/" + c.code)).tag(Versions.etag(c.version))
                    .entity(CommodityView.of(c)).build();
        });
    }

    @PUT
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "updateMineralCommodity", summary = "Replace a commodity's fields (not its code)",
            description = "Requires If-Match with the current ETag. Publishes commodity.updated.v1 (the full commodity) when something changed.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "cobalt", value = UPDATE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Updated; ETag carries the new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommodityView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No commodity with this code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("code") @Parameter(example = "cobalt") String code,
            @HeaderParam("If-Match") @Parameter(description = "ETag of the version being changed", example = "\"0\"") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") CommodityFields fields) {
        Commodity c = service.update(code, ifMatch, fields);
        return Response.ok(CommodityView.of(c)).tag(Versions.etag(c.version)).build();
    }
}
