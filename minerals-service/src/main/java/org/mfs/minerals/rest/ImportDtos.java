package org.mfs.minerals.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the statistics import API. */
public final class ImportDtos {

    private ImportDtos() {
    }

    /** The two file formats an import accepts. */
    @Schema(name = "MineralsImportFormat")
    public enum ImportFormat {
        /** The official USGS Mineral Commodity Summaries CSV: the 2025 World Data Release or a 2024 per-commodity file. */
        USGS_MCS,
        /** One value per row: commodity,country,year,measure,value,unit,edition[,estimated][,note]. */
        NORMALIZED
    }

    @Schema(name = "MineralsImportSkip", description = "A cell or row that holds no usable value, and why")
    public record Skip(
            @Schema(example = "8") int line,
            @Schema(nullable = true, example = "RESERVES_2024") String column,
            @Schema(nullable = true, example = "NA") String value,
            @Schema(example = "not available (NA)") String reason) {
    }

    @Schema(name = "MineralsImportReport", description = "What an import read, stored and skipped")
    public record ImportReport(
            @Schema(nullable = true, description = "Id of the import; null when the file changed nothing (nothing is recorded then)",
                    example = "0b6c1f8e-6f61-4a55-9a4c-2a51d3c1f0aa") UUID importId,
            ImportFormat format,
            @Schema(description = "SHA-256 of the uploaded bytes") String sha256,
            @Schema(description = "Data rows read (header excluded)", example = "134") int rowsRead,
            @Schema(description = "Numeric values found in those rows", example = "303") int valuesRead,
            @Schema(description = "Values stored that were not there before", example = "303") int inserted,
            @Schema(description = "Values that replaced a different value of the same edition", example = "0") int updated,
            @Schema(description = "Values identical to what was already stored", example = "0") int unchanged,
            @Schema(description = "Number of skipped cells and rows", example = "52") int skippedCount,
            @Schema(description = "The skipped cells and rows (the first 500), with line number and reason") List<Skip> skipped,
            @Schema(description = "Columns of the file that the format does not use") List<String> ignoredColumns,
            @Schema(example = "[\"USGS MCS 2025\"]") List<String> editions,
            @Schema(example = "[\"cobalt\", \"copper\"]") List<String> commodities,
            @Schema(description = "Whether anything stored changed") boolean changed,
            Instant importedAt) {
    }

    @Schema(name = "MineralsImportPage")
    public record ImportPage(List<ImportReport> items, int page, int size, long total) {
    }
}
