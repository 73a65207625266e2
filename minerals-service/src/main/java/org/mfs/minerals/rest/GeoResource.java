package org.mfs.minerals.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mfs.minerals.Corridor;
import org.mfs.minerals.CorridorStatus;
import org.mfs.minerals.Site;
import org.mfs.minerals.SiteKind;
import org.mfs.minerals.SiteStatus;
import org.mfs.minerals.TransportMode;
import org.mfs.minerals.rest.GeoDtos.CorridorBody;
import org.mfs.minerals.rest.GeoDtos.CorridorPage;
import org.mfs.minerals.rest.GeoDtos.CorridorView;
import org.mfs.minerals.rest.GeoDtos.FeatureCollection;
import org.mfs.minerals.rest.GeoDtos.SiteBody;
import org.mfs.minerals.rest.GeoDtos.SitePage;
import org.mfs.minerals.rest.GeoDtos.SiteView;
import org.mfs.minerals.service.BBox;
import org.mfs.minerals.service.CorridorService;
import org.mfs.minerals.service.SiteService;
import org.mfs.platform.api.PageParams;
import org.mfs.platform.api.Versions;
import org.mfs.platform.idempotency.Idempotency;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.validation.CountryCode;
import org.mfs.platform.security.Roles;

@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/minerals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mineral sites and corridors", description = "Mines, processing plants and transport corridors, as JSON and GeoJSON")
public class GeoResource {

    static final String SITE_EXAMPLE = """
            {"name": "Tenke Fungurume Mine", "kind": "MINE", "country": "CD", "region": "Lualaba",
             "latitude": -10.568411, "longitude": 26.195633, "commodities": ["copper", "cobalt"],
             "operator": "CMOC Group (80%), Gécamines (20%)", "status": "OPERATING",
             "source": "Wikipedia, Tenke Fungurume Mine (coordinates, ownership)"}
            """;
    static final String CORRIDOR_EXAMPLE = """
            {"name": "Lobito Corridor", "countries": ["AO", "CD", "ZM"], "commodities": ["copper", "cobalt"],
             "mode": "RAIL", "status": "UPGRADING",
             "nodes": [{"name": "Port of Lobito", "kind": "PORT", "country": "AO", "latitude": -12.348, "longitude": 13.546},
                       {"name": "Luau", "kind": "BORDER_CROSSING", "country": "AO", "latitude": -10.707, "longitude": 22.224},
                       {"name": "Dilolo", "kind": "BORDER_CROSSING", "country": "CD", "latitude": -10.697, "longitude": 22.333},
                       {"name": "Kolwezi", "kind": "TOWN", "country": "CD", "latitude": -10.716, "longitude": 25.473}],
             "source": "Lobito Atlantic Railway concession (2022): Lobito to Kolwezi, about 1,700 km"}
            """;
    static final String BBOX = "minLon,minLat,maxLon,maxLat (WGS84); minLon > maxLon crosses the antimeridian";

    private final SiteService sites;
    private final CorridorService corridors;
    private final Idempotency idempotency;

    public GeoResource(SiteService sites, CorridorService corridors, Idempotency idempotency) {
        this.sites = sites;
        this.corridors = corridors;
        this.idempotency = idempotency;
    }

    // ---- sites ----

    @GET
    @Path("sites")
    @Operation(operationId = "listMineralSites", summary = "Mines and processing plants, a page at a time",
            description = "Filter by commodity, country, kind, status and bounding box; sort by name, country, kind, status, createdAt, latitude, longitude.")
    @APIResponse(responseCode = "200", description = "One page and the total",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SitePage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, bbox, sort, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SitePage sites(@Valid @BeanParam PageParams paging,
            @QueryParam("commodity") @Parameter(example = "cobalt") String commodity,
            @QueryParam("country") @CountryCode @Parameter(example = "CD") String country,
            @QueryParam("kind") SiteKind kind,
            @QueryParam("status") SiteStatus status,
            @QueryParam("bbox") @Parameter(description = BBOX, example = "20,-13,30,-8") String bbox,
            @QueryParam("sort") @Parameter(example = "name") String sort) {
        return sites.sites(commodity, country, kind, status, BBox.parse(bbox), sort, paging.page, paging.size);
    }

    @GET
    @Path("sites.geojson")
    @Produces({ "application/geo+json", MediaType.APPLICATION_JSON })
    @Operation(operationId = "listMineralSitesGeoJson", summary = "Sites as a GeoJSON FeatureCollection of Points",
            description = "Same filters and paging as listMineralSites.")
    @APIResponse(responseCode = "200", description = "RFC 7946 FeatureCollection",
            content = @Content(mediaType = "application/geo+json", schema = @Schema(implementation = FeatureCollection.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, bbox, sort, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FeatureCollection sitesGeoJson(@Valid @BeanParam PageParams paging,
            @QueryParam("commodity") String commodity,
            @QueryParam("country") @CountryCode String country,
            @QueryParam("kind") SiteKind kind,
            @QueryParam("status") SiteStatus status,
            @QueryParam("bbox") @Parameter(description = BBOX) String bbox,
            @QueryParam("sort") String sort) {
        return sites.siteFeatures(sites.sites(commodity, country, kind, status, BBox.parse(bbox), sort, paging.page, paging.size));
    }

    @GET
    @Path("sites/{id}")
    @Operation(operationId = "getMineralSite", summary = "One site")
    @APIResponse(responseCode = "200", description = "The site; ETag carries its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SiteView.class)))
    @APIResponse(responseCode = "404", description = "No such site",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response site(@PathParam("id") UUID id) {
        Site s = sites.site(id);
        return Response.ok(SiteService.view(s)).tag(Versions.etag(s.version)).build();
    }

    @POST
    @Path("sites")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "createMineralSite", summary = "Record a mine or processing plant",
            description = "A retry with the same Idempotency-Key and body returns the first response and creates nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "Tenke Fungurume", value = SITE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SiteView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (coordinates out of range, unknown commodity...)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body not sent as application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createSite(@Valid @NotNull(message = "a JSON body is required") SiteBody body,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = CommodityResource.KEY) String key) {
        return idempotency.run(key, "POST /api/v1/minerals/sites", body, () -> {
            Site s = sites.createSite(body, false, null);
            return Response.created(URI.create("/api/v1/minerals/sites/" + s.id)).tag(Versions.etag(s.version))
                    .entity(SiteService.view(s)).build();
        });
    }

    @PUT
    @Path("sites/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "updateMineralSite", summary = "Replace a site", description = "Requires If-Match with the current ETag.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "Tenke Fungurume", value = SITE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SiteView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such site",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response updateSite(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") SiteBody body) {
        Site s = sites.updateSite(id, ifMatch, body);
        return Response.ok(SiteService.view(s)).tag(Versions.etag(s.version)).build();
    }

    // ---- corridors ----

    @GET
    @Path("corridors")
    @Operation(operationId = "listMineralCorridors", summary = "Transport corridors, a page at a time",
            description = "Filter by commodity, country, mode, status and bounding box (corridors whose extent intersects it).")
    @APIResponse(responseCode = "200", description = "One page and the total",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CorridorPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, bbox, sort, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CorridorPage corridors(@Valid @BeanParam PageParams paging,
            @QueryParam("commodity") @Parameter(example = "copper") String commodity,
            @QueryParam("country") @CountryCode @Parameter(example = "AO") String country,
            @QueryParam("mode") TransportMode mode,
            @QueryParam("status") CorridorStatus status,
            @QueryParam("bbox") @Parameter(description = BBOX, example = "11,-14,30,-8") String bbox,
            @QueryParam("sort") @Parameter(description = "name, status, mode, createdAt; - for descending") String sort) {
        return corridors.corridors(commodity, country, mode, status, BBox.parse(bbox), sort, paging.page, paging.size);
    }

    @GET
    @Path("corridors.geojson")
    @Produces({ "application/geo+json", MediaType.APPLICATION_JSON })
    @Operation(operationId = "listMineralCorridorsGeoJson", summary = "Corridors as a GeoJSON FeatureCollection of LineStrings",
            description = "Same filters and paging as listMineralCorridors; the line runs through the nodes in order.")
    @APIResponse(responseCode = "200", description = "RFC 7946 FeatureCollection",
            content = @Content(mediaType = "application/geo+json", schema = @Schema(implementation = FeatureCollection.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, bbox, sort, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FeatureCollection corridorsGeoJson(@Valid @BeanParam PageParams paging,
            @QueryParam("commodity") String commodity,
            @QueryParam("country") @CountryCode String country,
            @QueryParam("mode") TransportMode mode,
            @QueryParam("status") CorridorStatus status,
            @QueryParam("bbox") @Parameter(description = BBOX) String bbox,
            @QueryParam("sort") String sort) {
        return corridors.corridorFeatures(corridors.corridors(commodity, country, mode, status, BBox.parse(bbox), sort, paging.page,
                paging.size));
    }

    @GET
    @Path("corridors/{id}")
    @Operation(operationId = "getMineralCorridor", summary = "One corridor with its ordered nodes")
    @APIResponse(responseCode = "200", description = "The corridor; ETag carries its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CorridorView.class)))
    @APIResponse(responseCode = "404", description = "No such corridor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response corridor(@PathParam("id") UUID id) {
        Corridor c = corridors.corridor(id);
        return Response.ok(CorridorService.view(c)).tag(Versions.etag(c.version)).build();
    }

    @POST
    @Path("corridors")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "createMineralCorridor", summary = "Record a transport corridor",
            description = "A retry with the same Idempotency-Key and body returns the first response and creates nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "Lobito Corridor", value = CORRIDOR_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CorridorView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (coordinates, a node outside the corridor's countries...)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body not sent as application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createCorridor(@Valid @NotNull(message = "a JSON body is required") CorridorBody body,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = CommodityResource.KEY) String key) {
        return idempotency.run(key, "POST /api/v1/minerals/corridors", body, () -> {
            Corridor c = corridors.createCorridor(body, false, null);
            return Response.created(URI.create("/api/v1/minerals/corridors/" + c.id)).tag(Versions.etag(c.version))
                    .entity(CorridorService.view(c)).build();
        });
    }

    @PUT
    @Path("corridors/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "updateMineralCorridor", summary = "Replace a corridor", description = "Requires If-Match with the current ETag.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "Lobito Corridor", value = CORRIDOR_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CorridorView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such corridor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response updateCorridor(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") CorridorBody body) {
        Corridor c = corridors.updateCorridor(id, ifMatch, body);
        return Response.ok(CorridorService.view(c)).tag(Versions.etag(c.version)).build();
    }
}
