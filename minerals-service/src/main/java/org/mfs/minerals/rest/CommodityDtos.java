package org.mfs.minerals.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mfs.minerals.Commodity;
import org.mfs.minerals.CommodityCategory;
import org.mfs.minerals.Listing;

/** Request and response bodies of the commodity catalogue. */
public final class CommodityDtos {

    private CommodityDtos() {
    }

    public static final String CODE_PATTERN = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$";
    public static final String HS_PATTERN = "^\\d{4}(\\.\\d{2}){0,2}$";

    @Schema(name = "MineralCommodityCreateRequest")
    public record CreateCommodity(
            @NotNull @Size(min = 2, max = 40) @Pattern(regexp = CODE_PATTERN, message = "must be a lower-case slug such as natural-graphite")
            @Schema(description = "Stable slug; never changes", example = "niobium") String code,
            @NotBlank @Size(max = 100) @Schema(example = "Cobalt") String name,
            @Pattern(regexp = "^[A-Z][a-z]?$", message = "must be a chemical symbol such as Co") @Schema(example = "Co") String symbol,
            @NotNull @Schema(example = "BATTERY_MATERIAL") CommodityCategory category,
            @NotNull @Size(max = 8) @Schema(description = "Unit the statistics of this commodity are reported in: kg, t, kt or Mt", example = "t") String unit,
            @NotBlank @Size(max = 300) @Schema(example = "metric tons of contained cobalt") String unitBasis,
            @Pattern(regexp = CODE_PATTERN, message = "must be the code of a catalogue commodity") @Schema(description = "Code of the commodity this is an ore of", example = "tantalum") String oreOf,
            @NotNull @Size(max = 30) List<@NotNull @Pattern(regexp = HS_PATTERN, message = "must be an HS code such as 2605 or 2615.90") String> hsCodes,
            @NotNull @Size(max = 10) List<@NotNull Listing> listings,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> aliases,
            @Size(max = 2000) String description) {

        public CommodityFields fields() {
            return new CommodityFields(name, symbol, category, unit, unitBasis, oreOf, hsCodes, listings, aliases, description);
        }
    }

    /** The fields an update replaces (everything but the code). */
    @Schema(name = "MineralCommodityUpdateRequest")
    public record CommodityFields(
            @NotBlank @Size(max = 100) @Schema(example = "Cobalt") String name,
            @Pattern(regexp = "^[A-Z][a-z]?$", message = "must be a chemical symbol such as Co") @Schema(example = "Co") String symbol,
            @NotNull @Schema(example = "BATTERY_MATERIAL") CommodityCategory category,
            @NotNull @Size(max = 8) @Schema(description = "Unit the statistics of this commodity are reported in: kg, t, kt or Mt", example = "t") String unit,
            @NotBlank @Size(max = 300) @Schema(example = "metric tons of contained cobalt") String unitBasis,
            @Pattern(regexp = CODE_PATTERN, message = "must be the code of a catalogue commodity") @Schema(description = "Code of the commodity this is an ore of", example = "tantalum") String oreOf,
            @NotNull @Size(max = 30) List<@NotNull @Pattern(regexp = HS_PATTERN, message = "must be an HS code such as 2605 or 2615.90") String> hsCodes,
            @NotNull @Size(max = 10) List<@NotNull Listing> listings,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> aliases,
            @Size(max = 2000) String description) {
    }

    @Schema(name = "MineralCommodity")
    public record CommodityView(
            @Schema(example = "cobalt") String code,
            @Schema(example = "Cobalt") String name,
            @Schema(nullable = true, example = "Co") String symbol,
            CommodityCategory category,
            @Schema(example = "t") String unit,
            @Schema(example = "metric tons of contained cobalt (mine: cobalt content of ores and concentrates; refinery: refined cobalt)") String unitBasis,
            @Schema(nullable = true, example = "null") String oreOf,
            @Schema(example = "[\"2605\", \"8105\", \"2822\"]") List<String> hsCodes,
            @Schema(example = "[\"US_CRITICAL_2022\", \"US_CRITICAL_2025\", \"EU_CRITICAL_2023\", \"EU_STRATEGIC_2023\"]") List<Listing> listings,
            @Schema(description = "Other names it is known by, e.g. in USGS files", example = "[\"Cobalt\"]") List<String> aliases,
            @Schema(nullable = true) String description,
            Instant createdAt,
            Instant updatedAt,
            @Schema(description = "Version, also sent as the ETag", example = "0") long version) {

        public static CommodityView of(Commodity c) {
            return new CommodityView(c.code, c.name, c.symbol, c.category, c.unit, c.unitBasis, c.oreOf,
                    List.copyOf(c.hsCodes), c.listings.stream().map(Listing::valueOf).toList(), List.copyOf(c.aliases),
                    c.description, c.createdAt, c.updatedAt, c.version);
        }
    }

    @Schema(name = "MineralCommodityPage")
    public record CommodityPage(List<CommodityView> items, int page, int size, long total) {
    }
}
