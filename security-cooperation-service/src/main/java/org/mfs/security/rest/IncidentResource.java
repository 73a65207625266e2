package org.mfs.security.rest;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.mfs.platform.api.PageParams;
import org.mfs.platform.idempotency.Idempotency;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.security.Roles;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.validation.CountryCode;
import org.mfs.security.IncidentType;
import org.mfs.security.rest.IncidentDtos.CreateIncident;
import org.mfs.security.rest.IncidentDtos.FeatureCollection;
import org.mfs.security.rest.IncidentDtos.IncidentPage;
import org.mfs.security.rest.IncidentDtos.IncidentView;
import org.mfs.security.rest.IncidentDtos.Monthly;
import org.mfs.security.service.IncidentService;

@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/security-cooperation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Security incidents", description = "Security incidents and seizures around mine sites and trade routes")
public class IncidentResource {

    public static final String PATH = "/api/v1/security-cooperation/incidents";
    public static final String GEOJSON = "application/geo+json";

    private final IncidentService incidents;
    private final Idempotency idempotency;

    public IncidentResource(IncidentService incidents, Idempotency idempotency) {
        this.incidents = incidents;
        this.idempotency = idempotency;
    }

    @POST
    @Path("incidents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSecurityIncident", summary = "Record an incident or seizure",
            description = "A site id must be known from minerals.site.v1 (its coordinates are used when none are given). "
                    + "Publishes incident.recorded.v1 on security-cooperation.incident.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "seizure",
            value = "{\"occurredOn\": \"2026-01-18\", \"country\": \"CD\", \"region\": \"South Kivu\", \"latitude\": -2.4914, "
                    + "\"longitude\": 28.8986, \"type\": \"SMUGGLING_SEIZURE\", \"commodity\": \"gold\", "
                    + "\"quantity\": {\"value\": 38.5, \"unit\": \"kg\"}, \"description\": \"Gold seized at the Ruzizi I border post\", "
                    + "\"source\": {\"title\": \"Provincial mining division report\", \"reference\": \"DPM-SK-2026-014\"}}")))
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown site or programme, or Idempotency-Key reused", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull(message = "a JSON body is required") CreateIncident request,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = "Makes a retried create safe") String key) {
        return idempotency.run(key, "POST " + PATH, request, () -> {
            IncidentView v = incidents.record(request, false);
            return Response.created(URI.create(PATH + "/" + v.id())).entity(v).build();
        });
    }

    @GET
    @Path("incidents")
    @Operation(operationId = "listSecurityIncidents", summary = "Search incidents, a page at a time")
    @APIResponse(responseCode = "200", description = "One page and the total", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, sort, page or size", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public IncidentPage list(@Valid @BeanParam PageParams paging, @Valid @BeanParam Filters filters,
            @QueryParam("sort") @Parameter(description = "occurredOn, type, country, region, quantity, createdAt; prefix - for descending", example = "-occurredOn") String sort) {
        return incidents.list(filters.filter(), sort, paging.page, paging.size);
    }

    @GET
    @Path("incidents/{incidentId}")
    @Operation(operationId = "getSecurityIncident", summary = "One incident")
    @APIResponse(responseCode = "200", description = "The incident", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "404", description = "No incident with this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public IncidentView get(@PathParam("incidentId") UUID id) {
        return incidents.get(id);
    }

    @GET
    @Path("incidents/monthly")
    @Operation(operationId = "getSecurityIncidentsMonthly", summary = "Incidents per month, by region, type and commodity",
            description = "Counted in SQL; quantities are summed per commodity and unit (only when grouped by commodity).")
    @APIResponse(responseCode = "200", description = "One row per month and group", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Monthly.class)))
    @APIResponse(responseCode = "400", description = "Unknown dimension or invalid filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Monthly monthly(@Valid @BeanParam Filters filters,
            @QueryParam("groupBy") @Parameter(description = "region, type, commodity (comma-separated or repeated); none = per month only", example = "region,type") List<String> groupBy) {
        return incidents.monthly(filters.filter(), groupBy == null ? List.of() : groupBy);
    }

    @GET
    @Path("incidents.geojson")
    @Produces({ GEOJSON, MediaType.APPLICATION_JSON })
    @Operation(operationId = "getSecurityIncidentsGeoJson", summary = "Incidents with coordinates as a GeoJSON FeatureCollection",
            description = "Same filters as the list; newest first, at most `limit` features.")
    @APIResponse(responseCode = "200", description = "RFC 7946 FeatureCollection of points", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollection.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FeatureCollection geojson(@Valid @BeanParam Filters filters,
            @QueryParam("limit") @DefaultValue("1000") @Min(value = 1, message = "must be between 1 and 10000") @Max(value = 10000, message = "must be between 1 and 10000") int limit) {
        return incidents.geojson(filters.filter(), limit);
    }

    /** Filters shared by the list, the monthly aggregate and the GeoJSON. */
    public static class Filters {

        @QueryParam("country")
        @CountryCode
        @Parameter(example = "CD")
        public String country;

        @QueryParam("region")
        @Parameter(description = "Region name (case-insensitive)", example = "South Kivu")
        public String region;

        @QueryParam("type")
        @Parameter(example = "SMUGGLING_SEIZURE")
        public IncidentType type;

        @QueryParam("commodity")
        @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,63}$", message = "a commodity code such as gold")
        @Parameter(example = "gold")
        public String commodity;

        @QueryParam("from")
        @Parameter(description = "Occurred on or after (ISO date)", example = "2026-01-01")
        public String from;

        @QueryParam("to")
        @Parameter(description = "Occurred on or before (ISO date)", example = "2026-12-31")
        public String to;

        @QueryParam("programmeId")
        @Parameter(description = "Incidents linked to this programme")
        public UUID programmeId;

        @QueryParam("siteId")
        @Parameter(description = "Incidents at this minerals-service site")
        public UUID siteId;

        @QueryParam("bbox")
        @Parameter(description = "minLon,minLat,maxLon,maxLat", example = "26,-5,30,1")
        public String bbox;

        IncidentService.Filter filter() {
            LocalDate f = date("from", from);
            LocalDate t = date("to", to);
            if (f != null && t != null && t.isBefore(f)) {
                throw ProblemException.invalid("to", "must not be before from");
            }
            if (region != null && region.length() > 200) {
                throw ProblemException.invalid("region", "at most 200 characters");
            }
            return new IncidentService.Filter(country, region == null || region.isBlank() ? null : region.strip(), type,
                    commodity, f, t, programmeId, siteId, bbox(bbox));
        }

        private static LocalDate date(String field, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid(field, "an ISO date such as 2026-01-31");
            }
        }

        private static double[] bbox(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            String[] parts = text.split(",");
            if (parts.length != 4) {
                throw ProblemException.invalid("bbox", "must be minLon,minLat,maxLon,maxLat, e.g. 26,-5,30,1");
            }
            double[] v = new double[4];
            for (int i = 0; i < 4; i++) {
                try {
                    v[i] = Double.parseDouble(parts[i].strip());
                } catch (NumberFormatException e) {
                    throw ProblemException.invalid("bbox", "'" + parts[i].strip() + "' is not a number");
                }
                if (Double.isNaN(v[i]) || Double.isInfinite(v[i])) {
                    throw ProblemException.invalid("bbox", "'" + parts[i].strip() + "' is not a number");
                }
            }
            if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 || v[0] > v[2] || v[1] > v[3]) {
                throw ProblemException.invalid("bbox", "needs -180 <= minLon <= maxLon <= 180 and -90 <= minLat <= maxLat <= 90");
            }
            return v;
        }
    }
}
