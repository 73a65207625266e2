package org.mfs.minerals.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mfs.minerals.Measure;

/** Response bodies of the statistics API. */
public final class StatisticDtos {

    private StatisticDtos() {
    }

    @Schema(name = "MineralStatistic", description = "One value: commodity, country (or WORLD / ROW), year, measure, from one edition")
    public record StatisticView(
            @Schema(example = "cobalt") String commodity,
            @Schema(description = "ISO 3166-1 alpha-2, or WORLD (world total) or ROW (rest of world)", example = "CD") String country,
            @Schema(nullable = true, example = "Congo - Kinshasa") String countryName,
            @Schema(example = "2024") int year,
            @Schema(example = "MINE_PRODUCTION") Measure measure,
            @Schema(example = "220000") BigDecimal value,
            @Schema(example = "t") String unit,
            @Schema(description = "The source marks the value as an estimate", example = "true") boolean estimated,
            @Schema(description = "The value is a lower bound (USGS wrote >value)", example = "false") boolean lowerBound,
            @Schema(example = "USGS MCS 2025") String edition,
            @Schema(nullable = true, example = "null") String note) {
    }

    @Schema(name = "MineralStatisticPage")
    public record StatisticPage(List<StatisticView> items, int page, int size, long total) {
    }

    @Schema(name = "MineralStatisticRevision", description = "The value of a fact as one edition gave it, or as it stood before a correction")
    public record Revision(
            @Schema(example = "USGS MCS 2024") String edition,
            @Schema(example = "2024") int editionYear,
            @Schema(example = "520") BigDecimal value,
            @Schema(example = "t") String unit,
            boolean estimated,
            boolean lowerBound,
            @Schema(nullable = true) String note,
            @Schema(description = "EDITION: the value an edition gives; CORRECTION: a value of that edition later replaced by a re-import",
                    example = "EDITION") String kind,
            @Schema(description = "This is the value queries answer by default (newest edition)") boolean current,
            @Schema(nullable = true, description = "When a CORRECTION was replaced") Instant replacedAt) {
    }

    @Schema(name = "MineralStatisticHistory", description = "Every edition's value of one fact, newest first")
    public record History(
            @Schema(example = "tantalum") String commodity,
            @Schema(example = "RW") String country,
            @Schema(example = "2023") int year,
            Measure measure,
            List<Revision> revisions) {
    }

    @Schema(name = "MineralEdition", description = "A publication statistics come from")
    public record EditionView(
            @Schema(example = "USGS MCS 2025") String code,
            @Schema(example = "2025") int publishedYear,
            @Schema(nullable = true, example = "U.S. Geological Survey, 2025, Mineral Commodity Summaries 2025 World Data Release, doi:10.5066/P13XCP3R") String citation,
            @Schema(example = "303") long values) {
    }

    @Schema(name = "MineralEditionPage")
    public record EditionPage(List<EditionView> items, int page, int size, long total) {
    }
}
