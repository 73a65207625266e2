package org.mfs.minerals.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mfs.minerals.Measure;
import org.mfs.minerals.rest.AnalyticsDtos.Concentration;
import org.mfs.minerals.rest.AnalyticsDtos.Disruption;
import org.mfs.minerals.rest.AnalyticsDtos.Exposure;
import org.mfs.minerals.rest.AnalyticsDtos.Shares;
import org.mfs.minerals.rest.AnalyticsDtos.Stages;
import org.mfs.minerals.rest.AnalyticsDtos.SupplyRisk;
import org.mfs.minerals.rest.AnalyticsDtos.SupplyRiskRequest;
import org.mfs.minerals.rest.AnalyticsDtos.TimeSeries;
import org.mfs.minerals.service.AnalyticsService;
import org.mfs.minerals.service.ExposureService;
import org.mfs.minerals.service.SupplyRiskService;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.security.Roles;

@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/minerals/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mineral supply analytics", description = "Shares, HHI concentration, time series, disruption scenarios, partner exposure and EU supply risk, computed in PostgreSQL")
public class AnalyticsResource {

    static final String SUPPLY_RISK_EXAMPLE = """
            {"year": 2024,
             "governance": [{"country": "CD", "score": 8.2}, {"country": "ID", "score": 5.4}, {"country": "RU", "score": 7.1}],
             "defaultGovernanceScore": 5.0,
             "importReliance": 0.81, "eolRecyclingInputRate": 0.22, "substitutionIndex": 0.91, "economicImportance": 5.9,
             "euSourcing": [{"country": "CD", "share": 0.68}, {"country": "FI", "share": 0.14}]}
            """;

    private final AnalyticsService analytics;
    private final ExposureService exposure;
    private final SupplyRiskService supplyRisk;

    public AnalyticsResource(AnalyticsService analytics, ExposureService exposure, SupplyRiskService supplyRisk) {
        this.analytics = analytics;
        this.exposure = exposure;
        this.supplyRisk = supplyRisk;
    }

    @GET
    @Path("{commodity}/shares")
    @Operation(operationId = "getMineralShares", summary = "Shares of world supply by country, with coverage and HHI",
            description = "For cobalt mine production 2024 (USGS MCS 2025): Congo (Kinshasa) 220,000 t of a 290,000 t world total, 75.86 %.")
    @APIResponse(responseCode = "200", description = "Shares, largest first, then the rest-of-world residual",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Shares.class)))
    @APIResponse(responseCode = "400", description = "Invalid parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown commodity or edition, or no values",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Shares shares(@PathParam("commodity") @Parameter(example = "cobalt") String commodity,
            @QueryParam("measure") @DefaultValue("MINE_PRODUCTION") Measure measure,
            @QueryParam("year") @Min(1900) @Max(2200) @Parameter(description = "Default: the latest year with values", example = "2024") Integer year,
            @QueryParam("edition") @Size(max = 100) @Parameter(description = "Default: newest edition per country", example = "USGS MCS 2025") String edition) {
        return analytics.shares(commodity, measure, year, edition);
    }

    @GET
    @Path("{commodity}/concentration")
    @Operation(operationId = "getMineralConcentration", summary = "HHI concentration with the top producers and the uncovered residual",
            description = "HHI = Σ (100 × country / world total)² over the named countries; the 'other countries' residual is reported as uncoveredShare.")
    @APIResponse(responseCode = "200", description = "The concentration",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Concentration.class)))
    @APIResponse(responseCode = "400", description = "Invalid parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown commodity or edition, or no values",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Concentration concentration(@PathParam("commodity") @Parameter(example = "cobalt") String commodity,
            @QueryParam("measure") @DefaultValue("MINE_PRODUCTION") Measure measure,
            @QueryParam("year") @Min(1900) @Max(2200) @Parameter(example = "2024") Integer year,
            @QueryParam("edition") @Size(max = 100) String edition,
            @QueryParam("top") @DefaultValue("5") @Min(1) @Max(50) @Parameter(description = "How many top producers") int top) {
        return analytics.concentration(commodity, measure, year, edition, top);
    }

    @GET
    @Path("{commodity}/stages")
    @Operation(operationId = "getMineralStageConcentration", summary = "Concentration by stage: mine vs refinery production",
            description = "Copper 2024: mining is spread (Chile first), refining is concentrated in China (12,000 of 27,000 kt).")
    @APIResponse(responseCode = "200", description = "One entry per stage with data",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Stages.class)))
    @APIResponse(responseCode = "404", description = "Unknown commodity or no production values",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Stages stages(@PathParam("commodity") @Parameter(example = "copper") String commodity,
            @QueryParam("year") @Min(1900) @Max(2200) @Parameter(example = "2024") Integer year,
            @QueryParam("edition") @Size(max = 100) String edition,
            @QueryParam("top") @DefaultValue("5") @Min(1) @Max(50) int top) {
        return analytics.stages(commodity, year, edition, top);
    }

    @GET
    @Path("{commodity}/time-series")
    @Operation(operationId = "getMineralTimeSeries", summary = "A country's values across years and editions",
            description = "Every edition's value per year; current marks the one queries answer (newest edition).")
    @APIResponse(responseCode = "200", description = "The series, oldest year first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TimeSeries.class)))
    @APIResponse(responseCode = "400", description = "Invalid parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown commodity",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TimeSeries timeSeries(@PathParam("commodity") @Parameter(example = "tantalum") String commodity,
            @QueryParam("country") @NotNull @Parameter(required = true, description = "ISO 3166-1 alpha-2, WORLD or ROW", example = "RW") String country,
            @QueryParam("measure") @DefaultValue("MINE_PRODUCTION") Measure measure,
            @QueryParam("fromYear") @Min(1900) @Max(2200) Integer fromYear,
            @QueryParam("toYear") @Min(1900) @Max(2200) Integer toYear) {
        return analytics.timeSeries(commodity, Params.area("country", country), measure, fromYear, toYear);
    }

    @GET
    @Path("disruption")
    @Operation(operationId = "getMineralDisruptionScenario", summary = "Disruption scenario: the share of world supply lost without some countries",
            description = "remove=CD: cobalt loses 75.86 % of 2024 mine production, tantalum 41.9 %. Also gives the HHI of what remains.")
    @APIResponse(responseCode = "200", description = "Per commodity, the most affected first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Disruption.class)))
    @APIResponse(responseCode = "400", description = "No or invalid countries",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown commodity or edition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Disruption disruption(
            @QueryParam("remove") @Parameter(required = true, description = "Countries that stop supplying (repeat or comma-separate)", example = "CD") List<String> remove,
            @QueryParam("measure") @DefaultValue("MINE_PRODUCTION") Measure measure,
            @QueryParam("year") @Min(1900) @Max(2200) @Parameter(description = "Default: each commodity's latest year", example = "2024") Integer year,
            @QueryParam("commodity") @Parameter(description = "Only these commodities (repeat or comma-separate); default all") List<String> commodity,
            @QueryParam("edition") @Size(max = 100) String edition) {
        return exposure.disruption(Params.countries("remove", remove, true), measure, year, Params.codes(commodity), edition);
    }

    @GET
    @Path("exposure")
    @Operation(operationId = "getMineralPartnerExposure", summary = "Partner exposure: combined share of world production and reserves",
            description = "For a set of countries (for instance an agreement's parties, country=CD&country=US), their combined share of mine production, refinery production and reserves per commodity.")
    @APIResponse(responseCode = "200", description = "Per commodity and measure",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Exposure.class)))
    @APIResponse(responseCode = "400", description = "No or invalid countries",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown commodity or edition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Exposure exposure(
            @QueryParam("country") @Parameter(required = true, description = "The partner countries (repeat or comma-separate)", example = "CD") List<String> country,
            @QueryParam("year") @Min(1900) @Max(2200) @Parameter(description = "Default: each commodity's and measure's latest year") Integer year,
            @QueryParam("commodity") @Parameter(description = "Only these commodities; default all") List<String> commodity,
            @QueryParam("edition") @Size(max = 100) String edition) {
        return exposure.exposure(Params.countries("country", country, true), year, Params.codes(commodity), edition);
    }

    @POST
    @Path("{commodity}/supply-risk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "computeMineralSupplyRisk", summary = "EU-methodology supply risk (SR) with its parts and the criticality thresholds",
            description = """
                    SR = [HHI_WGI,GS × IR/2 + HHI_WGI,EU × (1 − IR/2)] × (1 − EoL_RIR) × SI_SR, with HHI_WGI = Σ share² × WGI × t \
                    (shares as fractions). Computed for extraction (mine) and processing (refinery) where data exist; the higher \
                    counts. Critical when SR ≥ 1.0 and EI ≥ 2.8. Inputs not in the body come from the stored inputs \
                    (PUT /api/v1/minerals/supply-risk-inputs/{code}, /api/v1/minerals/governance-scores). Only computes: \
                    it stores and publishes nothing, so a retry is safe and it takes no Idempotency-Key.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "cobalt", value = SUPPLY_RISK_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "SR per stage, its parts and the verdict",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupplyRisk.class)))
    @APIResponse(responseCode = "400", description = "Invalid input",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown commodity or no production values",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Inputs missing (formula inputs or governance scores of producing countries)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SupplyRisk supplyRisk(@PathParam("commodity") @Parameter(example = "cobalt") String commodity,
            @Valid SupplyRiskRequest request) {
        return supplyRisk.supplyRisk(commodity, request);
    }
}
