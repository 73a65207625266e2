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
@Path("/api/v1/security-cooperation/programmes/{id}/budgets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Security cooperation money", description = "Budget lines per fiscal year, disbursements and totals")
public class BudgetResource {

    private static final String PROGRAMME = "/api/v1/security-cooperation/programmes/";

    private final MoneyService money;
    private final Idempotency idempotency;

    public BudgetResource(MoneyService money, Idempotency idempotency) {
        this.money = money;
        this.idempotency = idempotency;
    }

    @POST
        @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSecurityBudgetLine", summary = "Set a programme's budget for a fiscal year in one currency",
            description = "One line per fiscal year and currency. Publishes programme.budget-set.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "FY2026",
            value = "{\"fiscalYear\": 2026, \"amount\": {\"amount\": 4500000.00, \"currency\": \"USD\"}, "
                    + "\"source\": {\"title\": \"Congressional Budget Justification FY2026\", \"url\": \"https://www.state.gov/cbj\"}}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BudgetView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (amount, currency, source)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No programme with this id that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A line for this fiscal year and currency exists", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createBudget(@PathParam("id") UUID id, @Valid @NotNull(message = "a JSON body is required") CreateBudget request,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = "Makes a retried request safe") String key) {
        return idempotency.run(key, "POST " + PROGRAMME + id + "/budgets", request, () -> {
            BudgetView b = money.createBudget(id, request);
            return Response.created(URI.create(PROGRAMME + id + "/budgets/" + b.id())).tag(Versions.etag(b.version()))
                    .entity(b).build();
        });
    }

    @PUT
    @Path("{budgetId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "amendSecurityBudgetLine", summary = "Amend a budget line's amount",
            description = "Requires If-Match with the line's ETag; never below what is disbursed. Publishes programme.budget-set.v1.")
    @APIResponse(responseCode = "200", description = "Amended", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BudgetView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body or another currency", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such programme or budget line", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Below what is already disbursed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response amendBudget(@PathParam("id") UUID id, @PathParam("budgetId") UUID budgetId,
            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull(message = "a JSON body is required") AmendBudget request) {
        BudgetView b = money.amendBudget(id, budgetId, ifMatch, request);
        return Response.ok(b).tag(Versions.etag(b.version())).build();
    }

    @GET
        @Operation(operationId = "listSecurityBudgetLines", summary = "A programme's budget lines with disbursed and remaining amounts")
    @APIResponse(responseCode = "200", description = "Lines by fiscal year and currency", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = BudgetView.class)))
    @APIResponse(responseCode = "404", description = "No programme with this id that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<BudgetView> budgets(@PathParam("id") UUID id) {
        return money.budgets(id);
    }
}
