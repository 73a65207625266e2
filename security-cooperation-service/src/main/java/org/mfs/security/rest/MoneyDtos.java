package org.mfs.security.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mfs.security.rest.CommonDtos.Money;
import org.mfs.security.rest.CommonDtos.Source;

/** Budget lines, disbursements and totals. */
public final class MoneyDtos {

    private MoneyDtos() {
    }

    @Schema(name = "SecurityBudgetRequest")
    public record CreateBudget(
            @NotNull @Min(1990) @Max(2100) @Schema(example = "2026") Integer fiscalYear,
            @NotNull @Valid Money amount,
            @NotNull @Valid Source source) {
    }

    @Schema(name = "SecurityBudgetAmendRequest")
    public record AmendBudget(@NotNull @Valid Money amount, @NotNull @Valid Source source) {
    }

    @Schema(name = "SecurityBudgetLine")
    public record BudgetView(UUID id, UUID programmeId, int fiscalYear, Money amount, Money disbursed, Money remaining,
            Source source, Instant createdAt, Instant updatedAt, long version) {
    }

    @Schema(name = "SecurityDisbursementRequest")
    public record CreateDisbursement(
            @NotNull @Schema(example = "2026-02-14") LocalDate disbursedOn,
            @Min(1990) @Max(2100) @Schema(description = "Fiscal year whose budget pays it; the year of disbursedOn when absent", example = "2026") Integer fiscalYear,
            @NotNull @Valid Money amount,
            @NotBlank @Size(max = 2000) @Schema(example = "Mobile inspection teams, Bukavu - Uvira axis") String purpose,
            @NotNull @Valid Source source) {
    }

    @Schema(name = "SecurityDisbursement")
    public record DisbursementView(UUID id, UUID programmeId, UUID budgetLineId, int fiscalYear, LocalDate disbursedOn,
            Money amount, String purpose, Source source, Instant createdAt) {
    }

    @Schema(name = "SecurityDisbursementPage")
    public record DisbursementPage(List<DisbursementView> items, int page, int size, long total) {
    }

    @Schema(name = "SecurityTotalsRow")
    public record TotalsRow(
            @Schema(description = "The group: category, country code, programme id or fiscal year", example = "ANTI_SMUGGLING") String key,
            @Schema(nullable = true, description = "Reference code for programme groups") String label,
            @Schema(example = "USD") String currency, BigDecimal budgeted, BigDecimal disbursed, BigDecimal remaining,
            @Schema(description = "Programmes in the group with a budget in this currency") long programmes) {
    }

    @Schema(name = "SecurityTotals")
    public record TotalsView(@Schema(example = "category") String groupBy,
            @Schema(description = "One row per group and currency; amounts are never summed across currencies") List<TotalsRow> rows) {
    }
}
