package org.mfs.security.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mfs.security.Direction;
import org.mfs.security.rest.CommonDtos.Source;

/** Indicators of a programme and the monitoring reports on them. */
public final class IndicatorDtos {

    private IndicatorDtos() {
    }

    @Schema(name = "SecurityIndicatorRequest")
    public record CreateIndicator(
            @NotBlank @Size(max = 300) @Schema(example = "Smuggled minerals seized") String name,
            @NotBlank @Size(max = 50) @Schema(example = "kg") String unit,
            @NotNull @Digits(integer = 17, fraction = 3) @Schema(example = "0") BigDecimal baseline,
            @NotNull @Digits(integer = 17, fraction = 3) @Schema(example = "1500") BigDecimal target,
            @NotNull @Schema(description = "INCREASE when a higher value is better, DECREASE when lower is better") Direction direction) {
    }

    @Schema(name = "SecurityIndicatorReportRequest")
    public record CreateReport(
            @NotNull @Schema(description = "Last day of the reporting period", example = "2026-03-31") LocalDate periodEnd,
            @NotNull @Digits(integer = 17, fraction = 3) @Schema(example = "420") BigDecimal value,
            @Size(max = 2000) String note,
            @NotNull @Valid Source source) {
    }

    @Schema(name = "SecurityIndicatorReport")
    public record ReportView(UUID id, UUID indicatorId, LocalDate periodEnd, BigDecimal value,
            @Schema(nullable = true) String note, Source source,
            String reportedBy, Instant createdAt) {
    }

    @Schema(name = "SecurityIndicator")
    public record IndicatorView(UUID id, UUID programmeId, String name, String unit, BigDecimal baseline, BigDecimal target,
            Direction direction,
            @Schema(nullable = true, description = "Value of the latest report (by period end); null before the first")
            BigDecimal latestValue,
            @Schema(nullable = true) LocalDate latestPeriodEnd,
            @Schema(nullable = true, example = "28.0",
                    description = "(latest - baseline) / (target - baseline) x 100, one decimal; 100 means the target is met")
            BigDecimal progressPercent,
            boolean achieved, long reports, Instant createdAt) {
    }

    @Schema(name = "SecurityIndicatorReports")
    public record ReportList(UUID indicatorId, List<ReportView> reports) {
    }
}
