package org.mfs.security.rest;

import java.net.URI;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.mfs.platform.api.PageParams;
import org.mfs.platform.api.Versions;
import org.mfs.platform.idempotency.Idempotency;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.security.Roles;
import org.mfs.platform.validation.CountryCode;
import org.mfs.security.Category;
import org.mfs.security.rest.MoneyDtos.AmendBudget;
import org.mfs.security.rest.MoneyDtos.BudgetView;
import org.mfs.security.rest.MoneyDtos.CreateBudget;
import org.mfs.security.rest.MoneyDtos.CreateDisbursement;
import org.mfs.security.rest.MoneyDtos.DisbursementPage;
import org.mfs.security.rest.MoneyDtos.DisbursementView;
import org.mfs.security.rest.MoneyDtos.TotalsView;
import org.mfs.security.service.MoneyService;

@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/security-cooperation/programmes/{id}/disbursements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Security cooperation money", description = "Budget lines per fiscal year, disbursements and totals")
public class DisbursementResource {

    private static final String PROGRAMME = "/api/v1/security-cooperation/programmes/";

    private final MoneyService money;
    private final Idempotency idempotency;

    public DisbursementResource(MoneyService money, Idempotency idempotency) {
        this.money = money;
        this.idempotency = idempotency;
    }

    @POST
        @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSecurityDisbursement", summary = "Record a disbursement against the fiscal year's budget",
            description = "Only while the programme is ACTIVE. A disbursement that would take the fiscal year over its budget "
                    + "(in that currency) is a 422 naming the remaining amount, and nothing changes; concurrent disbursements "
                    + "can never together exceed it. Publishes programme.disbursement-recorded.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "tranche",
            value = "{\"disbursedOn\": \"2026-02-14\", \"amount\": {\"amount\": 750000.00, \"currency\": \"USD\"}, "
                    + "\"purpose\": \"Mobile inspection teams, Bukavu - Uvira axis\", "
                    + "\"source\": {\"title\": \"Disbursement notice 2026-07\", \"reference\": \"INL-CD-DN-2026-07\"}}")))
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DisbursementView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (amount, currency, source)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No programme with this id that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Programme not ACTIVE", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Over budget or no budget (the problem names the remaining amount), or Idempotency-Key reused", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response disburse(@PathParam("id") UUID id, @Valid @NotNull(message = "a JSON body is required") CreateDisbursement request,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = "Makes a retried disbursement safe") String key) {
        return idempotency.run(key, "POST " + PROGRAMME + id + "/disbursements", request, () -> {
            DisbursementView d = money.disburse(id, request);
            return Response.created(URI.create(PROGRAMME + id + "/disbursements/" + d.id())).entity(d).build();
        });
    }

    @GET
        @Operation(operationId = "listSecurityDisbursements", summary = "A programme's disbursements, a page at a time")
    @APIResponse(responseCode = "200", description = "One page and the total", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DisbursementPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, sort, page or size", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No programme with this id that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DisbursementPage disbursements(@PathParam("id") UUID id, @Valid @BeanParam PageParams paging,
            @QueryParam("fiscalYear") @Min(1990) @Max(2100) Integer fiscalYear,
            @QueryParam("sort") @Parameter(description = "disbursedOn, amount, fiscalYear, createdAt; prefix - for descending", example = "-disbursedOn") String sort) {
        return money.disbursements(id, fiscalYear, sort, paging.page, paging.size);
    }
}
