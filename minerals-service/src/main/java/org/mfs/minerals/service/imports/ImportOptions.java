package org.mfs.minerals.service.imports;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mfs.minerals.rest.ImportDtos.ImportFormat;

/**
 * What the uploader says about a file besides its bytes.
 *
 * @param format    the layout; null to detect it from the header
 * @param commodity for files without a COMMODITY column (USGS MCS 2024): a catalogue code, name or alias
 * @param unit      for files whose value columns and TYPE name no unit: a unit code such as {@code t}
 * @param fileName  the uploaded file's name (Content-Disposition), e.g. {@code mcs2024-cobal_world.csv}
 */
public record ImportOptions(ImportFormat format, String commodity, String unit, String fileName) {

    /** USGS names its per-commodity files {@code mcs<edition>-<abbreviation>_world.csv}. */
    private static final Pattern USGS_FILE = Pattern.compile("(?i)(?:.*[/\\\\])?mcs\\d{4}-([a-z]+)_world\\.csv");

    public static ImportOptions of(ImportFormat format) {
        return new ImportOptions(format, null, null, null);
    }

    /** The commodity abbreviation of a USGS file name ({@code cobal}), or null. */
    public String fileNameCommodity() {
        if (fileName == null) {
            return null;
        }
        Matcher m = USGS_FILE.matcher(fileName.strip());
        return m.matches() ? m.group(1) : null;
    }
}
