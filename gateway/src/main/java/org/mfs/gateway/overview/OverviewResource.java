package org.mfs.gateway.overview;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mfs.gateway.overview.OverviewDtos.AgreementOverview;
import org.mfs.gateway.routing.Problems;
import org.mfs.gateway.routing.RequestIds;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/overview/agreements/{id}}: everything a dashboard shows about one agreement in one answer
 * (docs/adr/0014-dashboard-overview.md). Served by the gateway itself under {@code quarkus.rest.path}.
 */
@Path("/agreements/{id}")
@Tag(name = "Dashboard overview", description = "Composed answers for dashboards, from several services at once")
public class OverviewResource {

    private static final String EXAMPLE = """
            {"agreement": {"id": "3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a37", "referenceCode": "CD-US-2025-SP",
              "title": "DRC-US Strategic Partnership", "status": "SIGNED", "visibility": "PUBLIC",
              "parties": [{"country": "CD", "role": "RESOURCE_HOLDER"}, {"country": "US", "role": "INVESTOR_PARTNER"}],
              "coveredMinerals": ["cobalt", "coltan", "gold"]},
             "complete": false,
             "unavailableServices": ["security-cooperation-service"],
             "supply": {"status": "available",
              "minerals": [{"commodity": "cobalt", "year": 2024, "unit": "t", "worldTotal": 290000, "hhi": 5867.3,
                "level": "HIGHLY_CONCENTRATED", "editions": ["USGS MCS 2025"],
                "topProducers": [{"country": "CD", "countryName": "Congo - Kinshasa", "value": 220000, "share": 0.758621,
                  "sharePercent": 75.86, "edition": "USGS MCS 2025", "estimated": true}],
                "partyShares": [{"country": "CD", "value": 220000, "share": 0.758621, "sharePercent": 75.86},
                  {"country": "US", "value": 300, "share": 0.001034, "sharePercent": 0.1}]}],
              "latestEdition": {"code": "USGS MCS 2025", "publishedYear": 2025}},
             "security": {"status": "unavailable", "service": "security-cooperation-service",
              "reason": "security-cooperation-service did not answer within 1 s"},
             "obligations": {"status": "available", "open": [{"type": "IMPACT_ASSESSMENT", "status": "PENDING",
              "dueDate": "2026-09-30", "responsibleParty": "CD"}], "overdue": []},
             "generatedAt": "2026-03-10T16:15:50Z"}
            """;

    private final OverviewComposer composer;

    public OverviewResource(OverviewComposer composer) {
        this.composer = composer;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "getAgreementOverview", summary = "Everything a dashboard shows about one agreement",
            description = "The agreement; for each covered mineral the supply picture (HHI and level, top producers, "
                    + "each party's world share, the edition of the figures) and the parties' exposure; the security "
                    + "programmes under the agreement with budget and disbursement totals by category and currency; "
                    + "the open and overdue obligations. The services are asked at once, each with the caller's token, "
                    + "so every part shows only what the caller may see. When a service fails, its part says "
                    + "status unavailable with the service and the reason, and the rest is still answered (200, "
                    + "complete false). The agreement itself decides the answer: absent or not visible to the caller "
                    + "is 404; agreements-service unreachable is 503.")
    @APIResponse(responseCode = "200", description = "The overview; parts whose service failed are marked unavailable",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementOverview.class),
                    examples = @ExampleObject(name = "drc-us-partial", summary = "DRC-US, security-cooperation-service stopped",
                            value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID, or the request has a query parameter (the overview takes none)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "403", description = "The caller may not read agreements",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "404", description = "No such agreement, or not visible to the caller",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "406", description = "The Accept header allows no JSON answer",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", description = "agreements-service is unavailable: without the agreement there is no overview",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Uni<Response> overview(
            @PathParam("id") @Parameter(description = "The agreement's id", example = "3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a37")
            String id,
            @Context RoutingContext ctx) {
        String instance = ctx.request().path();
        UUID agreementId;
        try {
            agreementId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(problem(400, Problems.json(400, "bad-request", "Bad Request",
                    "id must be a UUID, got '" + (id.length() > 64 ? id.substring(0, 64) + "…" : id) + "'", instance).encode(), null));
        }
        String query = ctx.request().query();
        if (query != null && !query.isEmpty()) {
            // as every operation of the services answers a parameter it does not declare (ADR 0023)
            return Uni.createFrom().item(problem(400, Problems.json(400, "unknown-query-parameter",
                    "Unknown query parameter", "the overview takes no query parameters; got '"
                            + (query.length() > 64 ? query.substring(0, 64) + "…" : query) + "'", instance).encode(), null));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            headers.put(HttpHeaders.AUTHORIZATION.toString(), authorization);
        }
        String requestId = ctx.response().headers().get(RequestIds.HEADER);
        if (requestId != null) {
            headers.put(RequestIds.HEADER, requestId);
        }
        return Uni.createFrom().completionStage(() -> composer.compose(agreementId, headers, instance))
                .map(outcome -> outcome.overview() != null
                        ? Response.ok(outcome.overview(), MediaType.APPLICATION_JSON_TYPE).build()
                        : problem(outcome.status(), outcome.problem(), outcome.retryAfterSeconds()));
    }

    private static Response problem(int status, String body, Integer retryAfter) {
        if (body == null || body.isBlank()) {
            body = Problems.json(status, status == 401 ? "unauthorized" : status == 403 ? "forbidden" : "bad-request",
                    Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(),
                    "agreements-service refused the request", null).encode();
        }
        Response.ResponseBuilder response = Response.status(status).type(Problems.MEDIA_TYPE).entity(body);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER.toString(), retryAfter);
        }
        return response.build();
    }
}
