package org.mfs.minerals.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
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
import org.mfs.minerals.service.imports.ImportOptions;
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
    static final String USGS_2024_EXAMPLE = """
            Source,Country,Type,Prod_t_est_2022,Prod_t_est_2023,Prod_notes,Reserves_t,Reserves_notes
            MCS2024,Congo (Kinshasa),"Mine production, metric tons of contained cobalt",144000,170000,,6000000,
            MCS2024,New Caledonia11,"Mine production, metric tons of contained cobalt",2000,3000,Overseas territory of France.,NA,
            MCS2024,World total (rounded),"Mine production, metric tons of contained cobalt",197000,230000,,11000000,
            """;
    private static final Pattern FILENAME = Pattern.compile("(?i)filename\\s*=\\s*(?:\"([^\"]{1,255})\"|([^;\\s]{1,255}))");
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
                    Three layouts: the USGS Mineral Commodity Summaries 2025 World Data Release CSV (one file for all \
                    commodities, with COMMODITY and UNIT_MEAS columns), the USGS MCS 2024 Data Release per-commodity CSV \
                    (such as mcs2024-cobal_world.csv: no COMMODITY or UNIT_MEAS column), both as published, or a normalized \
                    CSV with one value per row (commodity,country,year,measure,value,unit,edition and optionally estimated,note). \
                    The header tells which; format= makes it explicit. For the MCS 2024 layout the commodity is the \
                    commodity= parameter or, without it, the USGS file name sent as Content-Disposition filename \
                    (mcs2024-cobal_world.csv is cobalt); the unit comes from the value columns' names (Prod_t_..., \
                    Prod_kt_...), else unit=, else the wording of TYPE; Reserves_t are the reserves of the year before the \
                    edition. Footnote numbers glued to USGS country names ("New Caledonia11") are recognised. \
                    A malformed file is rejected with a problem naming the first bad lines and nothing is stored. \
                    Limits (configurable): at most 256 MiB per upload (413), lines of at most 65,536 characters and fields \
                    of at most 16,384 (422 as soon as one is longer), 5,000,000 data rows, 10 minutes per import (408); \
                    one import at a time, others get 429 with Retry-After. Re-importing the same file changes nothing \
                    (200, changed=false), so an import takes no Idempotency-Key. Publishes statistics.imported.v1 on \
                    minerals.statistics.v1 when values changed.""")
    @RequestBody(content = {
            @Content(mediaType = "text/csv", examples = {
                    @ExampleObject(name = "usgs", summary = "USGS MCS 2025 world data (excerpt)", value = USGS_EXAMPLE),
                    @ExampleObject(name = "usgs2024", summary = "USGS MCS 2024 cobalt file (excerpt), with commodity=cobalt", value = USGS_2024_EXAMPLE),
                    @ExampleObject(name = "normalized", summary = "Normalized, one value per row", value = NORMALIZED_EXAMPLE) }) })
    @APIResponse(responseCode = "201", description = "Imported; values changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "200", description = "Read completely; every value was already stored as given (nothing changed)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "400", description = "Invalid format, commodity or unit parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "408", description = "The import was not uploaded and stored within the time limit; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The upload is larger than the maximum upload size; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not sent as text/csv",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Malformed file, or a line or field over its length limit: the first bad lines (errors[].field = 'line N'); nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Other imports are running; retry after the Retry-After seconds. Nothing stored",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importFile(
            @QueryParam("format") @Parameter(description = "USGS_MCS (the 2025 or the 2024 layout) or NORMALIZED; detected from the header when absent") ImportFormat format,
            @QueryParam("commodity") @Size(max = 100) @Parameter(description = "For the USGS MCS 2024 layout (no COMMODITY column): a catalogue code, name or alias; without it the Content-Disposition file name decides. Ignored for the other layouts", example = "cobalt") String commodity,
            @QueryParam("unit") @Size(max = 8) @Parameter(description = "For the USGS MCS 2024 layout when neither the value columns' names nor TYPE name a unit: t, kt, Mt or kg. Ignored otherwise", example = "t") String unit,
            @HeaderParam("Content-Disposition") @Parameter(description = "attachment; filename=\"mcs2024-cobal_world.csv\": the USGS file name tells an MCS 2024 file's commodity", example = "attachment; filename=\"mcs2024-cobal_world.csv\"") String contentDisposition,
            @HeaderParam("Content-Length") @Parameter(hidden = true) Long contentLength,
            InputStream body) {
        ImportOptions options = new ImportOptions(format, commodity, unit, fileName(contentDisposition));
        ImportReport report = importer.importFile(body, options, contentLength == null ? -1 : contentLength);
        if (report.changed()) {
            return Response.created(URI.create("/api/v1/minerals/statistics/imports/" + report.importId()))
                    .entity(report).build();
        }
        return Response.ok(report).build();
    }

    /** The filename of a Content-Disposition header, or null. */
    static String fileName(String contentDisposition) {
        if (contentDisposition == null) {
            return null;
        }
        Matcher m = FILENAME.matcher(contentDisposition);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
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
