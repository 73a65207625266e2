package org.mfs.security.rest;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import org.mfs.platform.api.PageParams;
import org.mfs.platform.api.Versions;
import org.mfs.platform.history.AsOf;
import org.mfs.platform.idempotency.Idempotency;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.security.Roles;
import org.mfs.platform.validation.CountryCode;
import org.mfs.security.Category;
import org.mfs.security.Classification;
import org.mfs.security.Programme;
import org.mfs.security.ProgrammeStatus;
import org.mfs.security.rest.ProgrammeDtos.CreateProgramme;
import org.mfs.security.rest.ProgrammeDtos.HistoryView;
import org.mfs.security.rest.ProgrammeDtos.PatchProgramme;
import org.mfs.security.rest.ProgrammeDtos.ProgrammePage;
import org.mfs.security.rest.ProgrammeDtos.ProgrammeView;
import org.mfs.security.rest.ProgrammeDtos.TransitionRequest;
import org.mfs.security.service.ProgrammeQueries;
import org.mfs.security.service.ProgrammeService;
import org.mfs.security.service.Views;

@RolesAllowed(Roles.VIEWER)
@Path(ProgrammeResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Security cooperation", description = "Security-assistance programmes: lifecycle, classification, history")
public class ProgrammeResource {

    public static final String PATH = "/api/v1/security-cooperation/programmes";

    private static final String CREATE_EXAMPLE = """
            {"referenceCode": "US-CD-INL-2025-AS", "title": "Eastern DRC anti-smuggling: gold and coltan routes",
             "providerCountry": "US", "recipientCountry": "CD", "category": "ANTI_SMUGGLING",
             "objectives": "Cut the financial channels of armed groups trading illegal gold and coltan",
             "startDate": "2025-10-01", "endDate": "2027-09-30", "classification": "PUBLIC",
             "targetRegions": [{"country": "CD", "region": "South Kivu"}, {"country": "CD", "region": "North Kivu"}],
             "sources": [{"title": "Programme agreement", "reference": "INL-CD-2025-014", "date": "2025-09-12"}]}
            """;

    private final ProgrammeService service;
    private final ProgrammeQueries queries;
    private final Views views;
    private final Idempotency idempotency;

    public ProgrammeResource(ProgrammeService service, ProgrammeQueries queries, Views views, Idempotency idempotency) {
        this.service = service;
        this.queries = queries;
        this.views = views;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSecurityProgramme", summary = "Record a programme (status PLANNED)",
            description = "Publishes programme.created.v1 (details on the restricted topic when the programme is not PUBLIC). "
                    + "A linked agreement must be known from agreements.agreement.v1 and not terminated; site ids must be "
                    + "known from minerals.site.v1. A retry with the same Idempotency-Key and body creates nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "anti-smuggling", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field or failed validation", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Classification above what the caller may see, or role missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Reference code already used", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown or ended agreement, unknown site, or Idempotency-Key reused", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull(message = "a JSON body is required") CreateProgramme request,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = "Makes a retried create safe") String key) {
        return idempotency.run(key, "POST " + PATH, request, () -> {
            Programme p = service.create(request, false);
            return Response.created(URI.create(PATH + "/" + p.id)).tag(Versions.etag(p.version))
                    .entity(views.programme(p)).build();
        });
    }

    @GET
    @Operation(operationId = "listSecurityProgrammes", summary = "Search programmes, a page at a time",
            description = "Only programmes the caller may see are listed and counted. Filters combine with AND.")
    @APIResponse(responseCode = "200", description = "One page and the total", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgrammePage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, sort, page or size", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProgrammePage list(@Valid @BeanParam PageParams paging, @Valid @BeanParam SearchParams search) {
        ProgrammeQueries.Found found = queries.search(search.criteria(), paging.offset(), paging.size);
        return new ProgrammePage(found.items().stream().map(views::programme).toList(), paging.page, paging.size, found.total());
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getSecurityProgramme", summary = "One programme, now or as it stood on a date")
    @APIResponse(responseCode = "200", description = "The programme; ETag carries its version (current state only)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "400", description = "asOf is not a date or instant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No programme with this id that the caller may see (or not yet recorded at asOf)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id,
            @QueryParam("asOf") @Parameter(description = "A date (end of that day, UTC) or an instant", example = "2025-12-31") String asOf) {
        Instant at = AsOf.parse(asOf);
        if (at != null) {
            return Response.ok(service.asOf(id, at)).build();
        }
        Programme p = service.visible(id, false);
        return Response.ok(views.programme(p)).tag(Versions.etag(p.version)).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceSecurityProgramme", summary = "Replace a programme's editable fields",
            description = "Requires If-Match with the current ETag. The status changes only through transitions. Publishes programme.updated.v1.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Classification above what the caller may see, or role missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No programme with this id that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Reference code already used", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown or ended agreement, unknown site", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") CreateProgramme request) {
        Programme p = service.replace(id, ifMatch, request);
        return Response.ok(views.programme(p)).tag(Versions.etag(p.version)).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "patchSecurityProgramme", summary = "Change some of a programme's fields",
            description = "Fields absent or null stay as they are. Requires If-Match. Publishes programme.updated.v1.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Classification above what the caller may see, or role missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No programme with this id that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Reference code already used", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown or ended agreement, unknown site", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") PatchProgramme request) {
        Programme p = service.patch(id, ifMatch, request);
        return Response.ok(views.programme(p)).tag(Versions.etag(p.version)).build();
    }

    @POST
    @Path("{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "transitionSecurityProgramme", summary = "Move a programme to another status",
            description = "PLANNED → ACTIVE ⇄ ON_HOLD → COMPLETED; CANCELLED from PLANNED, ACTIVE or ON_HOLD. ON_HOLD and CANCELLED need a reason. "
                    + "A programme whose agreement is suspended or ended cannot become ACTIVE. Publishes programme.status-changed.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "start", value = "{\"to\": \"ACTIVE\"}")))
    @APIResponse(responseCode = "200", description = "The programme in its new status", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (e.g. no reason to put on hold)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No programme with this id that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition (the problem names the allowed ones), or agreement not in force", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response transition(@PathParam("id") UUID id,
            @Valid @NotNull(message = "a JSON body is required") TransitionRequest request,
            @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.run(key, "POST " + PATH + "/" + id + "/transitions", request, () -> {
            Programme p = service.transition(id, request);
            return Response.ok(views.programme(p)).tag(Versions.etag(p.version)).build();
        });
    }

    @GET
    @Path("{id}/history")
    @Operation(operationId = "getSecurityProgrammeHistory", summary = "Every recorded change: who, when, what",
            description = "Includes budget lines, disbursements, indicators and automatic holds by the agreement rule (with the triggering event).")
    @APIResponse(responseCode = "200", description = "Revisions, oldest first", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryView.class)))
    @APIResponse(responseCode = "404", description = "No programme with this id that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HistoryView history(@PathParam("id") UUID id) {
        return new HistoryView(id, service.history(id));
    }

    /** Most rows one CSV export returns. */
    public static final int EXPORT_MAX = 10_000;

    @GET
    @Path("export")
    @Produces("text/csv")
    @Operation(operationId = "exportSecurityProgrammes", summary = "The programmes a search finds, as CSV",
            description = "Same filters and sort as the list, only programmes the caller may see; at most " + EXPORT_MAX + " rows.")
    @APIResponse(responseCode = "200", description = "CSV with a header row; X-Total-Count is the number found",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid filter or sort", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@Valid @BeanParam SearchParams search) {
        ProgrammeQueries.Found found = queries.search(search.criteria(), 0, EXPORT_MAX);
        StringBuilder csv = new StringBuilder(
                "id,referenceCode,title,providerCountry,recipientCountry,agreementId,category,status,classification,startDate,endDate\r\n");
        for (Programme p : found.items()) {
            csv.append(p.id).append(',').append(cell(p.referenceCode)).append(',').append(cell(p.title)).append(',')
                    .append(p.providerCountry).append(',').append(p.recipientCountry).append(',')
                    .append(p.agreementId == null ? "" : p.agreementId).append(',').append(p.category).append(',')
                    .append(p.status).append(',').append(p.classification).append(',')
                    .append(p.startDate == null ? "" : p.startDate).append(',').append(p.endDate == null ? "" : p.endDate)
                    .append("\r\n");
        }
        return Response.ok(csv.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"security-programmes.csv\"")
                .header("X-Total-Count", found.total()).build();
    }

    /** A CSV cell (RFC 4180), guarded against spreadsheet formula injection. */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        String s = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Search filters of the programme list. */
    public static class SearchParams {

        @QueryParam("status")
        @Parameter(description = "Status; repeat for several", example = "ACTIVE")
        public List<ProgrammeStatus> status;

        @QueryParam("category")
        @Parameter(example = "ANTI_SMUGGLING")
        public Category category;

        @QueryParam("provider")
        @CountryCode
        @Parameter(description = "Provider country (ISO 3166-1 alpha-2)", example = "US")
        public String provider;

        @QueryParam("recipient")
        @CountryCode
        @Parameter(description = "Recipient country (ISO 3166-1 alpha-2)", example = "CD")
        public String recipient;

        @QueryParam("country")
        @CountryCode
        @Parameter(description = "Provider or recipient", example = "CD")
        public String country;

        @QueryParam("agreementId")
        @Parameter(description = "Programmes under this agreement")
        public UUID agreementId;

        @QueryParam("classification")
        @Parameter(example = "PUBLIC")
        public Classification classification;

        @QueryParam("q")
        @Parameter(description = "Text in title, objectives or reference code", example = "coltan")
        public String q;

        @QueryParam("sort")
        @Parameter(description = "Comma-separated keys createdAt, title, referenceCode, startDate, status, category; prefix - for descending",
                example = "-startDate,title")
        public String sort;

        ProgrammeQueries.Criteria criteria() {
            if (q != null && q.length() > 200) {
                throw org.mfs.platform.problem.ProblemException.invalid("q", "at most 200 characters");
            }
            return new ProgrammeQueries.Criteria(status == null ? List.of() : new ArrayList<>(status), category, provider,
                    recipient, country, agreementId, classification, q == null || q.isBlank() ? null : q.strip(), sort);
        }
    }
}
