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
import org.mfs.platform.problem.ProblemException;
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
@Path("/api/v1/security-cooperation/totals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Security cooperation money", description = "Budget lines per fiscal year, disbursements and totals")
public class TotalsResource {

    private static final String PROGRAMME = "/api/v1/security-cooperation/programmes/";

    private final MoneyService money;
    private final Idempotency idempotency;

    public TotalsResource(MoneyService money, Idempotency idempotency) {
        this.money = money;
        this.idempotency = idempotency;
    }

    @GET
        @Operation(operationId = "getSecurityTotals", summary = "Budgeted, disbursed and remaining money per group and currency",
            description = "Computed in SQL over the programmes the caller may see; one row per group and currency, never summed across currencies.")
    @APIResponse(responseCode = "200", description = "Totals", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TotalsView.class)))
    @APIResponse(responseCode = "400", description = "Unknown groupBy or invalid filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TotalsView totals(
            @QueryParam("groupBy") @DefaultValue("category") @Parameter(description = "category, provider, recipient, programme or fiscalYear", example = "category") String groupBy,
            @QueryParam("fiscalYear") @Min(1990) @Max(2100) Integer fiscalYear,
            @QueryParam("currency") @Pattern(regexp = "^[A-Z]{3}$", message = "an ISO 4217 currency code such as USD") String currency,
            @QueryParam("provider") @CountryCode String provider,
            @QueryParam("recipient") @CountryCode String recipient,
            @QueryParam("category") Category category,
            @QueryParam("agreementId") @Parameter(description = "Only programmes under this agreement (a UUID)",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) String agreementId) {
        return money.totals(groupBy, fiscalYear, currency, provider, recipient, category == null ? null : category.name(),
                agreementId == null ? null : uuid(agreementId));
    }

    /** A malformed id is the caller's mistake (400 naming the parameter), not an unknown resource. */
    private static java.util.UUID uuid(String value) {
        try {
            return java.util.UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("agreementId", "must be a UUID");
        }
    }
}
