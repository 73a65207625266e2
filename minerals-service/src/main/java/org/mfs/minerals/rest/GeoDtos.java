package org.mfs.minerals.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mfs.minerals.CorridorStatus;
import org.mfs.minerals.NodeKind;
import org.mfs.minerals.SiteKind;
import org.mfs.minerals.SiteStatus;
import org.mfs.minerals.TransportMode;
import org.mfs.platform.validation.CountryCode;

/** Bodies of the sites and corridors API (JSON and GeoJSON). Coordinates are WGS84 decimal degrees. */
public final class GeoDtos {

    private GeoDtos() {
    }

    @Schema(name = "MineralSiteCapacity", description = "Annual capacity, in a unit of mass of the named basis")
    public record Capacity(
            @NotNull @DecimalMin("0") @Schema(example = "30000") BigDecimal value,
            @NotNull @Size(max = 8) @Schema(description = "kg, t, kt or Mt (per year)", example = "t") String unit,
            @Size(max = 300) @Schema(nullable = true, example = "t/year cobalt in hydroxide, nameplate") String basis) {
    }

    @Schema(name = "MineralSiteRequest")
    public record SiteBody(
            @NotBlank @Size(max = 200) @Schema(example = "Kamoto Copper Company (KCC)") String name,
            @NotNull @Schema(example = "MINE") SiteKind kind,
            @NotNull @CountryCode @Schema(example = "CD") String country,
            @Size(max = 200) @Schema(example = "Lualaba") String region,
            @NotNull @DecimalMin(value = "-90", message = "must be between -90 and 90") @DecimalMax(value = "90", message = "must be between -90 and 90")
            @Schema(description = "WGS84 latitude, -90 to 90", example = "-10.72") BigDecimal latitude,
            @NotNull @DecimalMin(value = "-180", message = "must be between -180 and 180") @DecimalMax(value = "180", message = "must be between -180 and 180")
            @Schema(description = "WGS84 longitude, -180 to 180", example = "25.40") BigDecimal longitude,
            @NotNull @Size(min = 1, max = 20) List<@NotNull @Pattern(regexp = CommodityDtos.CODE_PATTERN) String> commodities,
            @Size(max = 200) @Schema(example = "Glencore (75%), Gécamines") String operator,
            @NotNull @Schema(example = "OPERATING") SiteStatus status,
            @Valid Capacity capacity,
            @Size(max = 500) @Schema(example = "Mining Journal, 2021: nameplate 300,000 t/y copper and 30,000 t/y cobalt") String source) {
    }

    @Schema(name = "MineralSite")
    public record SiteView(
            UUID id, String name, SiteKind kind,
            @Schema(example = "CD") String country, @Schema(nullable = true) String region,
            @Schema(example = "-10.72") BigDecimal latitude,
            @Schema(example = "25.4") BigDecimal longitude,
            @Schema(example = "[\"copper\", \"cobalt\"]") List<String> commodities,
            @Schema(nullable = true) String operator, SiteStatus status, @Schema(nullable = true) Capacity capacity,
            @Schema(nullable = true) String source,
            @Schema(description = "Seeded demo data") boolean demo,
            Instant createdAt, Instant updatedAt,
            @Schema(description = "Version, also sent as the ETag") long version) {
    }

    @Schema(name = "MineralSitePage")
    public record SitePage(List<SiteView> items, int page, int size, long total) {
    }

    @Schema(name = "MineralCorridorNode")
    public record NodeBody(
            @NotBlank @Size(max = 200) @Schema(example = "Port of Lobito") String name,
            @NotNull @Schema(example = "PORT") NodeKind kind,
            @NotNull @CountryCode @Schema(example = "AO") String country,
            @NotNull @DecimalMin(value = "-90", message = "must be between -90 and 90") @DecimalMax(value = "90", message = "must be between -90 and 90")
            @Schema(example = "-12.348") BigDecimal latitude,
            @NotNull @DecimalMin(value = "-180", message = "must be between -180 and 180") @DecimalMax(value = "180", message = "must be between -180 and 180")
            @Schema(example = "13.546") BigDecimal longitude,
            @Schema(nullable = true, description = "The site at this node, if any") UUID siteId) {
    }

    @Schema(name = "MineralCorridorRequest")
    public record CorridorBody(
            @NotBlank @Size(max = 200) @Schema(example = "Lobito Corridor") String name,
            @Size(max = 2000) String description,
            @NotNull @Size(min = 1, max = 20) List<@NotNull @CountryCode String> countries,
            @Size(max = 20) List<@NotNull @Pattern(regexp = CommodityDtos.CODE_PATTERN) String> commodities,
            @NotNull @Schema(example = "RAIL") TransportMode mode,
            @NotNull @Schema(example = "UPGRADING") CorridorStatus status,
            @NotNull @Size(min = 2, max = 200, message = "a corridor needs 2 to 200 nodes") List<@Valid @NotNull NodeBody> nodes,
            @Size(max = 500) String source) {
    }

    @Schema(name = "MineralCorridor")
    public record CorridorView(
            UUID id, String name, @Schema(nullable = true) String description,
            @Schema(example = "[\"AO\", \"CD\", \"ZM\"]") List<String> countries,
            @Schema(example = "[\"copper\", \"cobalt\"]") List<String> commodities,
            TransportMode mode, CorridorStatus status,
            @Schema(description = "In order along the corridor") List<NodeBody> nodes,
            @Schema(description = "[minLon, minLat, maxLon, maxLat]") List<BigDecimal> bbox,
            @Schema(nullable = true) String source, boolean demo, Instant createdAt, Instant updatedAt, long version) {
    }

    @Schema(name = "MineralCorridorPage")
    public record CorridorPage(List<CorridorView> items, int page, int size, long total) {
    }

    @Schema(name = "MineralGeoJsonGeometry", description = "Point [lon, lat] or LineString [[lon, lat], ...]")
    public record Geometry(@Schema(example = "Point") String type,
            @Schema(description = "GeoJSON coordinates, longitude first") Object coordinates) {
    }

    @Schema(name = "MineralGeoJsonFeature")
    public record Feature(@Schema(example = "Feature") String type, String id, Geometry geometry,
            Map<String, Object> properties) {
    }

    @Schema(name = "MineralGeoJsonFeatureCollection", description = "RFC 7946 FeatureCollection; page, size and total are foreign members")
    public record FeatureCollection(@Schema(example = "FeatureCollection") String type, List<Feature> features,
            int page, int size, long total) {
    }
}
