package org.mfs.minerals.service.imports;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

import org.mfs.minerals.rest.ImportDtos.ImportFormat;

/**
 * Reads the data rows of one file layout. A parser is made for one file from its header (which it checks,
 * throwing a 422 problem naming what is missing), then {@link #read} stages every value it finds and records
 * skips and errors in the import's {@link ImportState}; it never holds more than one row in memory.
 */
public interface LayoutParser {

    /** The format reported for this layout. */
    ImportFormat format();

    /** Reads every data row after the header. Stops early once {@link ImportState#full()}. */
    void read(CsvReader csv, Staging out) throws IOException, CsvReader.CsvSyntaxException, SQLException;

    /**
     * The parser for a file whose header is {@code header}: the layout asked for by {@code options.format()}, or
     * when none is asked, the one the header shows (a SOURCE column is USGS; COMMODITY beside it is the 2025
     * consolidated layout, without it the 2024 one-file-per-commodity layout).
     */
    static LayoutParser forHeader(List<String> header, int headerLine, ImportOptions options, ImportState state) {
        boolean usgsHeader = header.stream().anyMatch(h -> h.strip().equalsIgnoreCase("SOURCE"));
        ImportFormat format = options.format() != null ? options.format()
                : usgsHeader ? ImportFormat.USGS_MCS : ImportFormat.NORMALIZED;
        if (format == ImportFormat.NORMALIZED) {
            return new NormalizedParser(state, header, headerLine, usgsHeader);
        }
        boolean consolidated = header.stream().anyMatch(h -> h.strip().equalsIgnoreCase("COMMODITY"));
        if (consolidated || !usgsHeader) {
            return new UsgsMcs2025Parser(state, header, headerLine);
        }
        return new UsgsMcs2024Parser(state, header, headerLine, options);
    }
}
