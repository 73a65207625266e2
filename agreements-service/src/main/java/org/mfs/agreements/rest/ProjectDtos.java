package org.mfs.agreements.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mfs.agreements.DecisionOutcome;
import org.mfs.agreements.Designation;
import org.mfs.agreements.ProjectSector;
import org.mfs.agreements.ProjectStatus;
import org.mfs.platform.validation.CountryCode;

/** Projects under an agreement: request and response bodies. */
public final class ProjectDtos {

    private ProjectDtos() {
    }

    @Schema(name = "AgreementProjectCreateRequest")
    public record CreateProject(
            @NotBlank @Size(max = 300) @Schema(example = "Grand Inga hydropower") String name,
            @NotNull @Schema(example = "ENERGY") ProjectSector sector,
            @NotNull @Valid Location location,
            @Schema(nullable = true) @Valid Money estimatedCost,
            @Schema(nullable = true) @Valid Capacity capacity,
            @Size(max = 200) @Schema(nullable = true, example = "Lobito Corridor") String corridor,
            @Schema(description = "Defaults to PROPOSED") ProjectStatus status) {
    }

    @Schema(name = "AgreementProjectLocation")
    public record Location(
            @NotNull @CountryCode @Schema(example = "CD") String country,
            @Size(max = 200) @Schema(nullable = true, example = "Kongo Central") String region,
            @DecimalMin("-90") @DecimalMax("90") @Schema(nullable = true, example = "-5.52") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") @Schema(nullable = true, example = "13.62") Double longitude) {
    }

    @Schema(name = "AgreementMoney")
    public record Money(
            @NotNull @PositiveOrZero @Schema(example = "10000000000") BigDecimal amount,
            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "an ISO 4217 currency code such as USD")
            @Schema(example = "USD") String currency) {
    }

    @Schema(name = "AgreementCapacity")
    public record Capacity(
            @NotNull @PositiveOrZero @Schema(example = "43200") BigDecimal value,
            @NotBlank @Size(max = 30) @Schema(example = "MW") String unit) {
    }

    @Schema(name = "AgreementProjectDesignationRequest")
    public record DesignateRequest(
            @NotNull @Schema(example = "STRATEGIC") Designation designation,
            @NotNull @Schema(example = "2025-07-15") LocalDate on,
            @Size(max = 1000) String note) {
    }

    @Schema(name = "AgreementProjectDecisionRequest")
    public record DecisionRequest(
            @NotNull @Schema(example = "APPROVED") DecisionOutcome outcome,
            @NotNull @Schema(example = "2025-09-30") LocalDate on,
            @NotBlank @Size(max = 300) @Schema(example = "JSC-2025-03 minutes, item 4") String minutesReference) {
    }

    @Schema(name = "AgreementProjectDesignation")
    public record DesignationView(String country, Designation designation, LocalDate on, @Schema(nullable = true) String note) {
    }

    @Schema(name = "AgreementProjectDecision")
    public record DecisionView(DecisionOutcome outcome, LocalDate on, String minutesReference) {
    }

    @Schema(name = "AgreementProject")
    public record ProjectView(UUID id, UUID agreementId, String name, ProjectSector sector, Location location,
            @Schema(nullable = true) Money estimatedCost, @Schema(nullable = true) Capacity capacity, @Schema(nullable = true) String corridor, ProjectStatus status,
            List<DesignationView> designations, @Schema(nullable = true) DecisionView decision, boolean prioritised, Instant createdAt,
            Instant updatedAt, long version) {
    }
}
