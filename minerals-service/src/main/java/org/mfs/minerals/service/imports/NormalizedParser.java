package org.mfs.minerals.service.imports;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mfs.minerals.Measure;
import org.mfs.minerals.rest.ImportDtos.ImportFormat;
import org.mfs.minerals.service.CountryNames;

/** The normalized layout: one value per row, {@code commodity,country,year,measure,value,unit,edition[,estimated][,note]}. */
final class NormalizedParser implements LayoutParser {

    static final List<String> REQUIRED = List.of("commodity", "country", "year", "measure", "value", "unit", "edition");
    static final List<String> OPTIONAL = List.of("estimated", "note");
    static final int MAX_NOTE = 2000;
    private static final Pattern YEAR_AT_END = Pattern.compile("(\\d{4})\\D*$");
    private static final Set<String> MEASURES = new TreeSet<>();
    private static final Map<String, Measure> BY_NAME = new HashMap<>();

    static {
        for (Measure m : Measure.values()) {
            MEASURES.add(m.name());
            BY_NAME.put(m.name(), m);
        }
    }

    private final ImportState p;
    private final int width;
    private final Map<String, Integer> col = new HashMap<>();
    private final Map<String, Integer> editionYears = new HashMap<>();
    private String lastCommodity;

    NormalizedParser(ImportState p, List<String> header, int headerLine, boolean usgsHeader) {
        this.p = p;
        this.width = header.size();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            if (REQUIRED.contains(name) || OPTIONAL.contains(name)) {
                if (col.put(name, i) != null) {
                    unknown.add(name + " (twice)");
                }
            } else {
                unknown.add(header.get(i).strip());
            }
        }
        List<String> missing = REQUIRED.stream().filter(r -> !col.containsKey(r)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw ImportState.invalid(headerLine, "the normalized header must have columns " + REQUIRED
                    + " and may have " + OPTIONAL
                    + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (unknown.isEmpty() ? "" : "; unknown " + abbreviate(unknown))
                    + (usgsHeader ? "; the header is that of a USGS MCS file: send format=USGS_MCS or no format" : ""));
        }
    }

    private static String abbreviate(List<String> names) {
        String s = names.size() <= 20 ? names.toString() : names.subList(0, 20) + " and " + (names.size() - 20) + " more";
        return s.length() <= 1000 ? s : s.substring(0, 1000) + "…";
    }

    /** Whether {@code s} (four characters) is four digits (as Integer.parseInt reads them). */
    private static boolean fourDigits(String s) {
        for (int i = 0; i < 4; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public ImportFormat format() {
        return ImportFormat.NORMALIZED;
    }

    @Override
    public void read(CsvReader csv, Staging out) throws IOException, CsvReader.CsvSyntaxException, SQLException {
        List<String> row;
        int iCommodity = col.get("commodity"), iCountry = col.get("country"), iYear = col.get("year"),
                iMeasure = col.get("measure"), iValue = col.get("value"), iUnit = col.get("unit"),
                iEdition = col.get("edition");
        int iEstimated = col.getOrDefault("estimated", -1), iNote = col.getOrDefault("note", -1);
        while (!p.full() && (row = csv.next()) != null) {
            int line = csv.recordLine();
            p.lastLine = line;
            if (ImportState.blank(row)) {
                continue;
            }
            if (!p.acceptRow(line, row, width)) {
                if (p.rowsRead > p.maxRows) {
                    return;
                }
                continue;
            }
            int errorsBefore = p.errors.size();
            String code = row.get(iCommodity).strip();
            Long commodityId = p.catalogue.byCode().get(code);
            if (commodityId == null) {
                p.error(line, "commodity '" + ImportState.cut(code) + "' is not a catalogue code such as cobalt");
            }
            String area = row.get(iCountry).strip();
            if (!CountryNames.isArea(area)) {
                p.error(line, "country '" + ImportState.cut(area) + "' is not an ISO 3166-1 alpha-2 code, WORLD or ROW");
            }
            int year = 0;
            String yearText = row.get(iYear).strip();
            if (yearText.length() == 4 && fourDigits(yearText)) {
                year = Integer.parseInt(yearText);
            }
            if (year < 1900 || year > 2200) {
                p.error(line, "year '" + ImportState.cut(yearText) + "' is not a year between 1900 and 2200");
            }
            String measure = row.get(iMeasure).strip();
            Measure measured = BY_NAME.get(measure);
            if (measured == null) {
                p.error(line, "measure '" + ImportState.cut(measure) + "' is not one of " + MEASURES);
            }
            String unitCode = row.get(iUnit).strip();
            if (!p.catalogue.units().contains(unitCode)) {
                p.error(line, "unit '" + ImportState.cut(unitCode) + "' is not one of " + p.catalogue.units());
            }
            String edition = row.get(iEdition).strip();
            Integer editionYear = editionYears.get(edition);
            if (editionYear == null) {
                Matcher m = YEAR_AT_END.matcher(edition);
                if (edition.length() > 100 || !m.find() || Integer.parseInt(m.group(1)) < 1900
                        || Integer.parseInt(m.group(1)) > 2200) {
                    p.error(line, "edition '" + ImportState.cut(edition) + "' must name its publication year (1900-2200), e.g. 'USGS MCS 2024'");
                } else if (editionYears.size() < ImportState.MAX_EDITIONS) {
                    editionYear = Integer.parseInt(m.group(1));
                    editionYears.put(edition, editionYear);
                } else {
                    editionYear = Integer.parseInt(m.group(1));
                }
            }
            boolean estimated = false;
            if (iEstimated >= 0) {
                String e = row.get(iEstimated).strip().toLowerCase(Locale.ROOT);
                if (e.equals("true")) {
                    estimated = true;
                } else if (!e.isEmpty() && !e.equals("false")) {
                    p.error(line, "estimated '" + ImportState.cut(e) + "' must be true, false or empty");
                }
            }
            String note = iNote < 0 || row.get(iNote).isBlank() ? null : row.get(iNote).strip();
            if (note != null && note.length() > MAX_NOTE) {
                p.error(line, "note is longer than " + MAX_NOTE + " characters");
            }
            String cell = row.get(iValue);
            ImportState.Num num = ImportState.number(cell);
            String reason = null;
            if (num == null) {
                reason = ImportState.nonValueReason(cell);
                if (reason == null) {
                    p.error(line, "value '" + ImportState.cut(cell.strip()) + "' is not a number, W, NA or a lower bound such as >100");
                }
            }
            if (p.errors.size() > errorsBefore || !p.edition(line, edition, editionYear)) {
                continue;
            }
            if (!code.equals(lastCommodity)) { // a sorted set: skip it for the rows of the same commodity
                p.commodities.add(code);
                lastCommodity = code;
            }
            if (num == null) {
                p.skip(line, "value", cell.strip(), reason);
                continue;
            }
            p.valuesRead++;
            out.add(new Staging.Value(line, commodityId, measured, year, area, edition, num, unitCode,
                    estimated, note));
        }
    }
}
