package org.mfs.agreements.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mfs.agreements.ObligationStatus;
import org.mfs.agreements.ObligationType;
import org.mfs.platform.validation.CountryCode;

/** Obligations and monitoring reports: request and response bodies. */
public final class ObligationDtos {

    private ObligationDtos() {
    }

    @Schema(name = "AgreementObligationCreateRequest")
    public record CreateObligation(
            @NotNull @Schema(example = "IMPACT_ASSESSMENT") ObligationType type,
            @NotBlank @Size(max = 2000) @Schema(example = "Environmental and social impact assessment for Grand Inga") String description,
            @NotNull @CountryCode @Schema(description = "The party that must meet it", example = "CD") String responsibleParty,
            @NotNull @Schema(example = "2026-06-30") LocalDate dueDate) {
    }

    @Schema(name = "AgreementObligationStatusRequest")
    public record StatusRequest(
            @NotNull @Schema(description = "PENDING, MET or WAIVED (OVERDUE is derived)", example = "MET") ObligationStatus status,
            @NotNull @Schema(example = "2026-05-02") LocalDate on) {
    }

    @Schema(name = "AgreementMonitoringReportRequest")
    public record CreateReport(
            @NotNull @Schema(example = "2026-03-01") LocalDate on,
            @NotBlank @Size(max = 300) @Schema(example = "Independent ESG auditor") String verifier,
            @NotNull Boolean independent,
            @NotBlank @Size(max = 5000) @Schema(example = "Consultations held in 12 of 14 affected villages") String finding,
            @Schema(nullable = true) @Size(max = 2000) @Pattern(regexp = "^https?://\\S+$", message = "an http(s) URL") String link) {
    }

    @Schema(name = "AgreementMonitoringReport")
    public record ReportView(UUID id, LocalDate on, String verifier, boolean independent, String finding, @Schema(nullable = true) String link) {
    }

    @Schema(name = "AgreementObligation")
    public record ObligationView(UUID id, UUID agreementId, ObligationType type, String description,
            String responsibleParty, LocalDate dueDate, ObligationStatus status, @Schema(nullable = true) LocalDate statusChangedOn,
            List<ReportView> reports, Instant createdAt, Instant updatedAt, long version) {
    }

    @Schema(name = "AgreementOverdueCheckResult")
    public record OverdueCheckResult(LocalDate asOf, int newlyOverdue, List<UUID> obligationIds) {
    }
}
