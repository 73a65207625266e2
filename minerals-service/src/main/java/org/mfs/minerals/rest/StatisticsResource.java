package org.mfs.minerals.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.mfs.minerals.Measure;
import org.mfs.minerals.rest.ImportDtos.ImportFormat;
import org.mfs.minerals.rest.ImportDtos.ImportPage;
import org.mfs.minerals.rest.ImportDtos.ImportReport;
import org.mfs.minerals.rest.StatisticDtos.EditionPage;
import org.mfs.minerals.rest.StatisticDtos.History;
import org.mfs.minerals.rest.StatisticDtos.StatisticPage;
import org.mfs.minerals.service.StatisticsImporter;
import org.mfs.minerals.service.StatisticsService;
import org.mfs.platform.api.PageParams;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.security.Roles;

@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/minerals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mineral statistics", description = "Production, reserves and capacity by country and year, with their source edition; CSV imports")
public class StatisticsResource {

    static final String USGS_EXAMPLE = """
            SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_2023,PROD_EST_ 2024,PROD_NOTES,CAP_2023,CAP_EST_ 2024,CAP_NOTES,RESERVES_2024,RESERVE_NOTES
            MCS2025,Cobalt,Congo (Kinshasa),"Mine production, cobalt content, estimated",metric tons,175000,220000,,,,,6000000,
            MCS2025,Cobalt,Other Countries,"Mine production, cobalt content, estimated",metric tons,6080,6200,,,,,800000,
            MCS2025,Cobalt,World total (rounded),"Mine production, cobalt content, estimated",metric tons,238000,290000,,,,,11000000,
            """;
    static final String NORMALIZED_EXAMPLE = """
            commodity,country,year,measure,value,unit,estimated,edition,note
            tantalum,RW,2023,MINE_PRODUCTION,520,t,false,USGS MCS 2024,
            cobalt,CD,2024,MINE_PRODUCTION,220000,t,true,USGS MCS 2025,
            """;

    private final StatisticsService statistics;
    private final StatisticsImporter importer;

    public StatisticsResource(StatisticsService statistics, StatisticsImporter importer) {
        this.statistics = statistics;
        this.importer = importer;
    }

    @GET
    @Path("statistics")
    @Operation(operationId = "listMineralStatistics", summary = "Statistics, newest edition per value unless edition= is given",
            description = "Each fact (commodity, country, year, measure) appears once: from the newest edition that reports it, or from the edition asked for.")
    @APIResponse(responseCode = "200", description = "One page and the total",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatisticPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, sort, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown commodity or edition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public StatisticPage list(@Valid @BeanParam PageParams paging,
            @QueryParam("commodity") @Parameter(example = "cobalt") String commodity,
            @QueryParam("country") @Parameter(description = "ISO 3166-1 alpha-2, WORLD or ROW", example = "CD") String country,
            @QueryParam("year") @Min(1900) @Max(2200) @Parameter(example = "2024") Integer year,
            @QueryParam("fromYear") @Min(1900) @Max(2200) Integer fromYear,
            @QueryParam("toYear") @Min(1900) @Max(2200) Integer toYear,
            @QueryParam("measure") @Parameter(example = "MINE_PRODUCTION") Measure measure,
            @QueryParam("edition") @Size(max = 100) @Parameter(example = "USGS MCS 2025") String edition,
            @QueryParam("estimated") Boolean estimated,
            @QueryParam("sort") @Parameter(description = "commodity, country, year, measure, value, edition; - for descending", example = "-value") String sort) {
        return statistics.list(commodity, Params.area("country", country), year, fromYear, toYear, measure, edition,
                estimated, sort, paging.page, paging.size);
    }

    @GET
    @Path("statistics/history")
    @Operation(operationId = "getMineralStatisticHistory", summary = "Revision history of one value across editions",
            description = "Rwanda's 2023 tantalum mine production was 520 t in MCS 2024 and 350 t in MCS 2025: both are listed, newest first.")
    @APIResponse(responseCode = "200", description = "Every edition's value, and corrections within an edition",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = History.class)))
    @APIResponse(responseCode = "400", description = "Missing or invalid parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such commodity or no value in any edition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public History history(
            @QueryParam("commodity") @NotNull @Parameter(required = true, example = "tantalum") String commodity,
            @QueryParam("country") @NotNull @Parameter(required = true, example = "RW") String country,
            @QueryParam("year") @NotNull @Min(1900) @Max(2200) @Parameter(required = true, example = "2023") Integer year,
            @QueryParam("measure") @Parameter(description = "Default MINE_PRODUCTION", example = "MINE_PRODUCTION") Measure measure) {
        return statistics.history(commodity, Params.area("country", country), year,
                measure == null ? Measure.MINE_PRODUCTION : measure);
    }

    @GET
    @Path("editions")
    @Operation(operationId = "listMineralEditions", summary = "Source editions, newest first")
    @APIResponse(responseCode = "200", description = "One page and the total",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EditionPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EditionPage editions(@Valid @BeanParam PageParams paging) {
        return statistics.editions(paging.page, paging.size);
    }

    @POST
    @Path("statistics/imports")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "importMineralStatistics", summary = "Import a statistics CSV, all or nothing",
            description = """
                    Two formats: the USGS Mineral Commodity Summaries World Data Release CSV (as published), or a normalized \
                    CSV with one value per row (commodity,country,year,measure,value,unit,edition and optionally estimated,note). \
                    The header tells which; format= makes it explicit. A malformed file is rejected with a problem naming the \
                    first bad lines and nothing is stored. Re-importing the same file changes nothing (200, changed=false), \
                    so an import takes no Idempotency-Key. Publishes statistics.imported.v1 on minerals.statistics.v1 when \
                    values changed.""")
    @RequestBody(content = {
            @Content(mediaType = "text/csv", examples = {
                    @ExampleObject(name = "usgs", summary = "USGS MCS 2025 world data (excerpt)", value = USGS_EXAMPLE),
                    @ExampleObject(name = "normalized", summary = "Normalized, one value per row", value = NORMALIZED_EXAMPLE) }) })
    @APIResponse(responseCode = "201", description = "Imported; values changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "200", description = "Read completely; every value was already stored as given (nothing changed)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "415", description = "Not sent as text/csv",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Malformed file: the first bad lines (errors[].field = 'line N'); nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importFile(
            @QueryParam("format") @Parameter(description = "USGS_MCS or NORMALIZED; detected from the header when absent") ImportFormat format,
            InputStream body) {
        ImportReport report = importer.importFile(body, format);
        if (report.changed()) {
            return Response.created(URI.create("/api/v1/minerals/statistics/imports/" + report.importId()))
                    .entity(report).build();
        }
        return Response.ok(report).build();
    }

    @GET
    @Path("statistics/imports")
    @Operation(operationId = "listMineralStatisticImports", summary = "Imports that changed statistics, newest first")
    @APIResponse(responseCode = "200", description = "One page and the total",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ImportPage imports(@Valid @BeanParam PageParams paging) {
        return statistics.imports(paging.page, paging.size);
    }

    @GET
    @Path("statistics/imports/{id}")
    @Operation(operationId = "getMineralStatisticImport", summary = "The report of one import")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "404", description = "No such import",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ImportReport importReport(@PathParam("id") UUID id) {
        return statistics.importReport(id);
    }
}
