package org.mfs.minerals.service.imports;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
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

/**
 * What the USGS Mineral Commodity Summaries layouts share: one row per commodity, country and stage with several
 * values (production and capacity by year, reserves), SOURCE naming the edition, TYPE the stage, notes columns
 * whose text explains empty cells or marks estimated years, USGS country names (footnote markers glued to a name,
 * as in "New Caledonia11", are recognised) and the "Other countries" and "World total" rows.
 */
abstract class UsgsParser implements LayoutParser {

    static final Pattern SOURCE = Pattern.compile("(?i)MCS\\s*(\\d{4})");
    private static final Pattern ESTIMATED_YEAR = Pattern.compile("(?i)^estimated\\s+(\\d{4})\\.?$");
    private static final Pattern WITHHELD = Pattern.compile("(?i)^W(\\s|$).*");
    /** A footnote number glued to the end of a name: "New Caledonia11". */
    private static final Pattern FOOTNOTE = Pattern.compile("^(.*[^\\d\\s])\\s*\\d{1,2}$");
    /** USGS unit wording, longest first (so "thousand metric tons" is not read as "metric tons"). */
    static final Map<String, String> UNIT_WORDS = Map.of(
            "thousand metric tons", "kt", "million metric tons", "Mt", "metric tons", "t", "kilograms", "kg");
    private static final List<String> UNIT_WORDS_LONGEST_FIRST = UNIT_WORDS.keySet().stream()
            .sorted((a, b) -> b.length() - a.length()).toList();

    enum Kind { PRODUCTION, CAPACITY, RESERVES }

    /** A value column: its position, name, kind, year (0: the year before the edition) and what its name says. */
    record ValueColumn(int index, String name, Kind kind, int year, boolean estimated, String unit) {
    }

    final ImportState p;
    final int width;
    final List<String> names;
    final List<ValueColumn> valueColumns = new ArrayList<>();
    int source = -1, country = -1, type = -1, prodNotes = -1, capNotes = -1, reserveNotes = -1;

    UsgsParser(ImportState p, List<String> header) {
        this.p = p;
        this.width = header.size();
        this.names = header.stream().map(String::strip).toList();
    }

    @Override
    public ImportFormat format() {
        return ImportFormat.USGS_MCS;
    }

    /** The header's column name, upper case without spaces ("PROD_EST_ 2024" is PROD_EST_2024). */
    static String key(String column) {
        return column.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
    }

    /** Records the common columns; false when {@code key} is not one of them. */
    boolean common(int i, String key) {
        switch (key) {
            case "SOURCE" -> source = i;
            case "COUNTRY" -> country = i;
            case "TYPE" -> type = i;
            case "PROD_NOTES" -> prodNotes = i;
            case "CAP_NOTES" -> capNotes = i;
            case "RESERVE_NOTES", "RESERVES_NOTES" -> reserveNotes = i;
            default -> {
                return false;
            }
        }
        return true;
    }

    void missingCommon(List<String> missing) {
        if (source < 0) missing.add("SOURCE");
        if (country < 0) missing.add("COUNTRY");
        if (type < 0) missing.add("TYPE");
    }

    /** The commodity of a row, or null after recording an error. */
    abstract Long commodity(int line, List<String> row);

    /** The unit of the row's values where a column names none, or null (with an error when one is needed). */
    abstract String rowUnit(int line, List<String> row, String typeText);

    @Override
    public void read(CsvReader csv, Staging out) throws IOException, CsvReader.CsvSyntaxException, SQLException {
        List<String> row;
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
            row(line, row, out);
        }
    }

    private void row(int line, List<String> row, Staging out) throws SQLException {
        int errorsBefore = p.errors.size();
        String src = row.get(source).strip();
        Matcher sm = SOURCE.matcher(src);
        String edition = null;
        int editionYear = 0;
        if (sm.matches() && validYear(Integer.parseInt(sm.group(1)))) {
            editionYear = Integer.parseInt(sm.group(1));
            edition = "USGS MCS " + editionYear;
        } else {
            p.error(line, "SOURCE '" + ImportState.cut(src) + "' is not a USGS MCS edition such as MCS2025");
        }
        Long commodityId = commodity(line, row);
        String countryName = row.get(country);
        String area = area(countryName);
        if (area == null) {
            p.error(line, "COUNTRY '" + ImportState.cut(countryName.strip()) + "' is not a known country name");
        }
        String typeText = row.get(type).strip().toLowerCase(Locale.ROOT);
        Measure production = typeText.contains("mine production") || typeText.startsWith("mine")
                ? Measure.MINE_PRODUCTION
                : typeText.contains("refinery production") || typeText.contains("smelter production")
                        ? Measure.REFINERY_PRODUCTION : null;
        if (production == null) {
            p.error(line, "TYPE '" + ImportState.cut(row.get(type).strip()) + "' is neither mine nor refinery production");
        }
        String rowUnit = rowUnit(line, row, typeText);
        if (p.errors.size() > errorsBefore || !p.edition(line, edition, editionYear)) {
            return;
        }
        p.commodities.add(p.catalogue.codeById().get(commodityId));
        boolean rowEstimated = typeText.contains("estimated");

        Notes prod = notes(prodNotes < 0 ? "" : row.get(prodNotes));
        Notes cap = notes(capNotes < 0 ? "" : row.get(capNotes));
        Notes res = notes(reserveNotes < 0 ? "" : row.get(reserveNotes));
        int values = 0;
        int skipsBefore = p.skipCount;
        for (ValueColumn col : valueColumns) {
            String cell = row.get(col.index());
            Notes n = col.kind() == Kind.PRODUCTION ? prod : col.kind() == Kind.CAPACITY ? cap : res;
            ImportState.Num num = ImportState.number(cell);
            if (num == null) {
                String reason = ImportState.nonValueReason(cell);
                if (reason == null) {
                    p.error(line, col.name() + " '" + ImportState.cut(cell.strip()) + "' is not a number, W, NA or a lower bound");
                } else if (!reason.equals("empty")) {
                    p.skip(line, col.name(), cell.strip(), reason);
                } else if (n.reason != null) {
                    p.skip(line, col.name(), "", n.reason);
                }
                continue;
            }
            String unit = col.unit() != null ? col.unit() : rowUnit;
            if (unit == null) {
                p.error(line, "no unit for " + col.name() + ": neither the column name nor TYPE names one; "
                        + "give unit= (one of " + p.catalogue.units() + ")");
                return;
            }
            Measure measure = switch (col.kind()) {
                case PRODUCTION -> production;
                case RESERVES -> Measure.RESERVES;
                case CAPACITY -> production == Measure.MINE_PRODUCTION ? Measure.MINE_CAPACITY : Measure.REFINERY_CAPACITY;
            };
            int year = col.year() > 0 ? col.year() : editionYear - 1;
            boolean estimated = col.kind() != Kind.RESERVES
                    && (col.estimated() || (col.kind() == Kind.PRODUCTION && (rowEstimated || n.estimatedYears.contains(year))));
            values++;
            p.valuesRead++;
            out.add(new Staging.Value(line, commodityId, measure, year, area, edition, num, unit, estimated, n.note));
        }
        if (values == 0 && p.skipCount == skipsBefore) {
            p.skip(line, null, null, "no value in any column");
        }
    }

    static boolean validYear(int year) {
        return year >= 1900 && year <= 2200;
    }

    /** The area of a USGS country name, also when a footnote number is glued to it ("New Caledonia11"). */
    static String area(String countryName) {
        String area = CountryNames.resolve(countryName).orElse(null);
        if (area == null && countryName != null) {
            Matcher m = FOOTNOTE.matcher(countryName.strip());
            if (m.matches()) {
                area = CountryNames.resolve(m.group(1)).orElse(null);
            }
        }
        return area;
    }

    /** The unit code for USGS wording such as "metric tons" or "Mine production, thousand metric tons of …". */
    static String unitInText(String text) {
        String t = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        for (String words : UNIT_WORDS_LONGEST_FIRST) {
            if (t.contains(words)) {
                return UNIT_WORDS.get(words);
            }
        }
        return null;
    }

    private static Notes notes(String text) {
        String s = text.strip();
        Notes n = new Notes();
        if (s.isEmpty()) {
            return n;
        }
        Matcher est = ESTIMATED_YEAR.matcher(s);
        if (est.matches()) {
            n.estimatedYears.add(Integer.parseInt(est.group(1)));
        } else if (WITHHELD.matcher(s).matches()) {
            n.reason = "withheld (" + s + ") to protect company proprietary data";
        } else if (s.equalsIgnoreCase("NA")) {
            n.reason = "not available (NA)";
        } else if (s.toUpperCase(Locale.ROOT).contains("INCLUDED IN WORLD TOTAL")) {
            n.reason = "not reported separately: " + s;
        } else {
            n.note = s;
        }
        return n;
    }

    static final class Notes {
        final Set<Integer> estimatedYears = new TreeSet<>();
        String reason;
        String note;
    }
}
