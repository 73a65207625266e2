package org.mfs.security.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mfs.platform.validation.CountryCode;
import org.mfs.security.IncidentType;
import org.mfs.security.rest.CommonDtos.Source;

/** Security incidents and seizures, their monthly aggregates and GeoJSON. */
public final class IncidentDtos {

    private IncidentDtos() {
    }

    @Schema(name = "SecurityQuantity")
    public record Quantity(
            @NotNull @DecimalMin(value = "0", message = "must not be negative") @Digits(integer = 17, fraction = 3)
            @Schema(example = "38.5") BigDecimal value,
            @NotBlank @Pattern(regexp = "^(g|kg|t)$", message = "one of g, kg, t") @Schema(example = "kg") String unit) {
    }

    @Schema(name = "SecurityIncidentRequest")
    public record CreateIncident(
            @NotNull @Schema(example = "2026-01-18") LocalDate occurredOn,
            @NotNull @CountryCode @Schema(example = "CD") String country,
            @NotBlank @Size(max = 200) @Schema(example = "South Kivu") String region,
            @DecimalMin("-90") @DecimalMax("90") @Digits(integer = 2, fraction = 6) @Schema(description = "WGS84", example = "-2.5083") BigDecimal latitude,
            @DecimalMin("-180") @DecimalMax("180") @Digits(integer = 3, fraction = 6) @Schema(description = "WGS84", example = "28.8608") BigDecimal longitude,
            @Schema(description = "A minerals-service site (validated against the site read model)") UUID siteId,
            @NotNull @Schema(example = "SMUGGLING_SEIZURE") IncidentType type,
            @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,63}$", message = "a commodity code such as gold") @Schema(example = "gold") String commodity,
            @Valid Quantity quantity,
            @Size(max = 5000) @Schema(example = "Gold seized at the Ruzizi I border post") String description,
            @Size(max = 20) @Schema(description = "Programmes the incident concerns") List<@NotNull UUID> programmeIds,
            @NotNull @Valid Source source) {
    }

    @Schema(name = "SecurityIncident")
    public record IncidentView(UUID id, LocalDate occurredOn, String country, String region,
            @Schema(nullable = true) BigDecimal latitude, @Schema(nullable = true) BigDecimal longitude,
            @Schema(nullable = true) UUID siteId, IncidentType type, @Schema(nullable = true) String commodity,
            @Schema(nullable = true) Quantity quantity, @Schema(nullable = true) String description,
            @Schema(description = "Linked programmes the caller may see") List<UUID> programmeIds, Source source,
            boolean demo, Instant createdAt) {
    }

    @Schema(name = "SecurityIncidentPage")
    public record IncidentPage(List<IncidentView> items, int page, int size, long total) {
    }

    @Schema(name = "SecurityIncidentMonthlyRow")
    public record MonthlyRow(@Schema(example = "2026-01") String month,
            @Schema(nullable = true, description = "Present when grouped by region") String country,
            @Schema(nullable = true, description = "Present when grouped by region") String region,
            @Schema(nullable = true, description = "Present when grouped by type") IncidentType type,
            @Schema(nullable = true, description = "Present when grouped by commodity") String commodity,
            long incidents,
            @Schema(nullable = true, description = "Summed quantity (only when grouped by commodity, per unit)")
            BigDecimal quantity,
            @Schema(nullable = true) String unit) {
    }

    @Schema(name = "SecurityIncidentMonthly")
    public record Monthly(@Schema(example = "[\"region\", \"type\"]") List<String> groupBy, List<MonthlyRow> rows) {
    }

    @Schema(name = "SecurityGeoJsonFeatureCollection", description = "RFC 7946 FeatureCollection of incident points")
    public record FeatureCollection(@Schema(example = "FeatureCollection") String type, List<Feature> features) {
    }

    @Schema(name = "SecurityGeoJsonFeature")
    public record Feature(@Schema(example = "Feature") String type, UUID id, Point geometry, Map<String, Object> properties) {
    }

    @Schema(name = "SecurityGeoJsonPoint")
    public record Point(@Schema(example = "Point") String type,
            @Schema(description = "[longitude, latitude]") List<BigDecimal> coordinates) {
    }
}
