package org.mfs.agreements.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
import jakarta.ws.rs.core.EntityTag;
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
import org.mfs.agreements.Agreement;
import org.mfs.agreements.repository.AgreementViewRepository;
import org.mfs.agreements.repository.CommodityRepository;
import org.mfs.agreements.rest.AgreementDtos.AgreementPage;
import org.mfs.agreements.rest.AgreementDtos.AgreementView;
import org.mfs.agreements.rest.AgreementDtos.CommodityView;
import org.mfs.agreements.rest.AgreementDtos.CreateAgreement;
import org.mfs.agreements.rest.AgreementDtos.HistoryView;
import org.mfs.agreements.rest.AgreementDtos.PatchAgreement;
import org.mfs.agreements.rest.AgreementDtos.TransitionRequest;
import org.mfs.agreements.service.AgreementAccess;
import org.mfs.agreements.service.AgreementSearch;
import org.mfs.agreements.service.AgreementService;
import org.mfs.agreements.service.Views;
import org.mfs.platform.api.Dates;
import org.mfs.platform.api.PageParams;
import org.mfs.platform.api.Versions;
import org.mfs.platform.idempotency.Idempotency;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.security.Roles;

@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/agreements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agreements", description = "Minerals-for-security agreements and their parties")
public class AgreementResource {

    private static final String CREATE_EXAMPLE = """
            {"title": "DRC-US Strategic Partnership", "type": "STRATEGIC_PARTNERSHIP",
             "parties": [{"country": "CD", "role": "RESOURCE_HOLDER"}, {"country": "US", "role": "INVESTOR_PARTNER"}],
             "referenceCode": "CD-US-2025-SP", "coveredMinerals": ["cobalt", "coltan", "gold"]}
            """;

    /** Most rows one CSV export returns. */
    public static final int EXPORT_MAX = 10_000;

    private final AgreementService service;
    private final AgreementSearch agreementSearch;
    private final CommodityRepository commodities;
    private final Views views;
    private final Idempotency idempotency;
    private final AgreementViewRepository storedViews;
    private final AgreementAccess access;

    public AgreementResource(AgreementService service, AgreementSearch agreementSearch, CommodityRepository commodities,
            Views views, Idempotency idempotency, AgreementViewRepository storedViews, AgreementAccess access) {
        this.agreementSearch = agreementSearch;
        this.storedViews = storedViews;
        this.access = access;
        this.service = service;
        this.commodities = commodities;
        this.views = views;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "createAgreement", summary = "Record a new agreement (status DRAFT)",
            description = "Publishes agreement.created.v1 on agreements.agreement.v1. Covered minerals must be commodity "
                    + "codes known from minerals-service. A retry with the same Idempotency-Key and body returns the "
                    + "first response and creates nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "DRC-US", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field, wrong type or failed validation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Reference code already used",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body not sent as application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown commodity code, or Idempotency-Key reused for another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull(message = "a JSON body is required") CreateAgreement request,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = "Makes a retried create safe") String key) {
        return idempotency.run(key, "POST /api/v1/agreements", request, () -> {
            Agreement a = service.create(request);
            // the view the create stored for GET (serialised once, for the row, the revision and this answer)
            return Response.created(URI.create("/api/v1/agreements/" + a.id)).tag(etag(a))
                    .entity(a.currentView).type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getAgreement", summary = "One agreement, now or as it stood on a date")
    @APIResponse(responseCode = "200", description = "The agreement; ETag carries its version (current state only)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "400", description = "asOf is not a date or instant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No agreement with this id (or not yet recorded at asOf)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id,
            @QueryParam("asOf") @Parameter(description = "A date (end of that day, UTC) or an instant", example = "2025-12-31") String asOf) {
        if (asOf != null) {
            return Response.ok(service.asOf(id, parseAsOf(asOf))).build();
        }
        AgreementViewRepository.StoredView stored = stored(id);
        if (stored.json() != null) {
            return Response.ok(stored.json(), MediaType.APPLICATION_JSON_TYPE).tag(Versions.etag(stored.version())).build();
        }
        Agreement a = service.get(id);
        return Response.ok(views.agreement(a)).tag(etag(a)).build();
    }

    /** The stored representation; 404 when there is no such agreement or the caller may not see it. */
    private AgreementViewRepository.StoredView stored(UUID id) {
        return storedViews.find(id).filter(v -> access.canSee(v.visibility(), v.partyCountries()))
                .orElseThrow(() -> ProblemException.notFound("agreement", id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "replaceAgreement", summary = "Replace an agreement's editable fields",
            description = "Requires If-Match with the current ETag. The status changes only through transitions. "
                    + "Publishes agreement.updated.v1.")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No agreement with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Reference code already used",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown commodity code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") CreateAgreement request) {
        Agreement a = service.replace(id, ifMatch, request);
        return Response.ok(views.agreement(a)).tag(etag(a)).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "patchAgreement", summary = "Change some of an agreement's fields",
            description = "Fields absent or null stay as they are. Requires If-Match. Publishes agreement.updated.v1.")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No agreement with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown commodity code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") PatchAgreement request) {
        Agreement a = service.patch(id, ifMatch, request);
        return Response.ok(views.agreement(a)).tag(etag(a)).build();
    }

    @POST
    @Path("{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "transitionAgreement", summary = "Move an agreement to its next lifecycle status",
            description = "DRAFT → UNDER_NEGOTIATION → SIGNED → RATIFIED → IN_FORCE ⇄ SUSPENDED → TERMINATED (reason) or "
                    + "EXPIRED; SIGNED → IN_FORCE and termination before entry into force are allowed. Publishes "
                    + "agreement.status-changed.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "sign", value = "{\"to\": \"SIGNED\", \"on\": \"2025-06-27\"}")))
    @APIResponse(responseCode = "200", description = "The agreement in its new status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (e.g. no reason to terminate)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No agreement with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition; the problem names the allowed ones",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Date before the previous step, or Idempotency-Key reused",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response transition(@PathParam("id") UUID id,
            @Valid @NotNull(message = "a JSON body is required") TransitionRequest request,
            @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.run(key, "POST /api/v1/agreements/" + id + "/transitions", request, () -> {
            Agreement a = service.transition(id, request);
            return Response.ok(views.agreement(a)).tag(etag(a)).build();
        });
    }

    @GET
    @Path("{id}/history")
    @Operation(operationId = "getAgreementHistory", summary = "Every recorded change: who, when, what")
    @APIResponse(responseCode = "200", description = "Revisions, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryView.class)))
    @APIResponse(responseCode = "404", description = "No agreement with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HistoryView history(@PathParam("id") UUID id) {
        return new HistoryView(id, service.history(id));
    }

    @GET
    @Operation(operationId = "listAgreements", summary = "Search agreements, a page at a time",
            description = "Filters combine with AND. Default order: best text match first when q is given, then newest.")
    @APIResponse(responseCode = "200", description = "One page and the total",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, sort, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(@Valid @BeanParam PageParams paging, @Valid @BeanParam AgreementSearchParams search) {
        Optional<AgreementSearch.FoundViews> stored = agreementSearch.searchViews(search.criteria(), paging.offset(),
                paging.size);
        if (stored.isPresent()) {
            // every item has its stored representation: assemble the page from their bytes, loading no entity
            return Response.ok(JsonPages.page(stored.get().views(), paging.page, paging.size, stored.get().total()),
                    MediaType.APPLICATION_JSON_TYPE).build();
        }
        AgreementSearch.Found entities = agreementSearch.search(search.criteria(), paging.offset(), paging.size);
        return Response.ok(new AgreementPage(entities.items().stream().map(views::agreement).toList(), paging.page,
                paging.size, entities.total())).build();
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    @Operation(operationId = "exportAgreements", summary = "The agreements a search finds, as CSV",
            description = "Same filters and sort as the search; at most " + EXPORT_MAX + " rows.")
    @APIResponse(responseCode = "200", description = "CSV with a header row",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid filter or sort",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@Valid @BeanParam AgreementSearchParams search) {
        AgreementSearch.Found found = agreementSearch.search(search.criteria(), 0, EXPORT_MAX);
        return Response.ok(AgreementCsv.of(found.items()), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"agreements.csv\"")
                .header("X-Total-Count", found.total()).build();
    }

    @GET
    @Path("commodities")
    @Operation(operationId = "listAgreementCommodities", summary = "Commodity codes an agreement may cover",
            description = "The local read model built from minerals-service's minerals.commodity.v1 events.")
    @APIResponse(responseCode = "200", description = "Known commodities by code",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = CommodityView.class)))
    public List<CommodityView> commodities() {
        return commodities.all();
    }

    static EntityTag etag(Agreement a) {
        return Versions.etag(a.version);
    }

    static Instant parseAsOf(String asOf) {
        return Dates.endOfDateOrInstant("asOf", asOf);
    }
}
