package org.mfs.security.rest;

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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mfs.platform.idempotency.Idempotency;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.security.Roles;
import org.mfs.security.rest.IndicatorDtos.CreateIndicator;
import org.mfs.security.rest.IndicatorDtos.CreateReport;
import org.mfs.security.rest.IndicatorDtos.IndicatorView;
import org.mfs.security.rest.IndicatorDtos.ReportList;
import org.mfs.security.rest.IndicatorDtos.ReportView;
import org.mfs.security.service.IndicatorService;

@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/security-cooperation/programmes/{id}/indicators")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Security cooperation monitoring", description = "Indicators, monitoring reports and progress against target")
public class IndicatorResource {

    private static final String BASE = "/api/v1/security-cooperation/programmes/";

    private final IndicatorService indicators;
    private final Idempotency idempotency;

    public IndicatorResource(IndicatorService indicators, Idempotency idempotency) {
        this.indicators = indicators;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSecurityIndicator", summary = "Add an indicator to a programme",
            description = "Publishes programme.indicator-added.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "seizures",
            value = "{\"name\": \"Smuggled minerals seized\", \"unit\": \"kg\", \"baseline\": 0, \"target\": 1500, \"direction\": \"INCREASE\"}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (e.g. target on the wrong side of the baseline)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No programme with this id that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response add(@PathParam("id") UUID id, @Valid @NotNull(message = "a JSON body is required") CreateIndicator request,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = "Makes a retried request safe") String key) {
        return idempotency.run(key, "POST " + BASE + id + "/indicators", request, () -> {
            IndicatorView i = indicators.add(id, request);
            return Response.created(URI.create(BASE + id + "/indicators/" + i.id())).entity(i).build();
        });
    }

    @GET
    @Operation(operationId = "listSecurityIndicators", summary = "A programme's indicators with their latest value and progress against target")
    @APIResponse(responseCode = "200", description = "Indicators, oldest first", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = IndicatorView.class)))
    @APIResponse(responseCode = "404", description = "No programme with this id that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<IndicatorView> list(@PathParam("id") UUID id) {
        return indicators.indicators(id);
    }

    @POST
    @Path("{indicatorId}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSecurityIndicatorReport", summary = "File a monitoring report: the indicator's value for a period, with its source",
            description = "One report per period end. Publishes programme.indicator-reported.v1 with the new progress.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "Q1",
            value = "{\"periodEnd\": \"2026-03-31\", \"value\": 420, \"source\": {\"title\": \"Quarterly monitoring report Q1 2026\", \"reference\": \"MR-2026-Q1\"}}")))
    @APIResponse(responseCode = "201", description = "Filed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such programme or indicator", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The period is already reported", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response report(@PathParam("id") UUID id, @PathParam("indicatorId") UUID indicatorId,
            @Valid @NotNull(message = "a JSON body is required") CreateReport request,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = "Makes a retried request safe") String key) {
        return idempotency.run(key, "POST " + BASE + id + "/indicators/" + indicatorId + "/reports", request, () -> {
            ReportView r = indicators.report(id, indicatorId, request);
            return Response.created(URI.create(BASE + id + "/indicators/" + indicatorId + "/reports/" + r.id())).entity(r).build();
        });
    }

    @GET
    @Path("{indicatorId}/reports")
    @Operation(operationId = "listSecurityIndicatorReports", summary = "An indicator's reports, oldest period first")
    @APIResponse(responseCode = "200", description = "Reports", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportList.class)))
    @APIResponse(responseCode = "404", description = "No such programme or indicator", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReportList reports(@PathParam("id") UUID id, @PathParam("indicatorId") UUID indicatorId) {
        return new ReportList(indicatorId, indicators.reports(id, indicatorId));
    }
}
