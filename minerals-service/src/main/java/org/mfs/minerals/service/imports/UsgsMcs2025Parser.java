package org.mfs.minerals.service.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The USGS Mineral Commodity Summaries 2025 World Data Release: one consolidated file for all commodities, with
 * {@code SOURCE, COMMODITY, COUNTRY, TYPE, UNIT_MEAS, PROD_2023, PROD_EST_ 2024, PROD_NOTES, CAP_2023,
 * CAP_EST_ 2024, CAP_NOTES, RESERVES_2024, RESERVE_NOTES}.
 */
final class UsgsMcs2025Parser extends UsgsParser {

    private static final Pattern VALUE_COLUMN = Pattern.compile("(PROD|CAP)_(EST_)?(\\d{4})|RESERVES_(\\d{4})");

    private int commodity = -1;
    private int unit = -1;

    UsgsMcs2025Parser(ImportState p, List<String> header, int headerLine) {
        super(p, header);
        List<String> badYears = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String key = key(header.get(i));
            if (common(i, key)) {
                continue;
            }
            Matcher m = VALUE_COLUMN.matcher(key);
            if (key.equals("COMMODITY")) {
                commodity = i;
            } else if (key.equals("UNIT_MEAS")) {
                unit = i;
            } else if (m.matches()) {
                int year = Integer.parseInt(m.group(4) != null ? m.group(4) : m.group(3));
                if (!validYear(year)) {
                    badYears.add(names.get(i));
                } else if (m.group(4) != null) {
                    valueColumns.add(new ValueColumn(i, names.get(i), Kind.RESERVES, year, false, null));
                } else {
                    valueColumns.add(new ValueColumn(i, names.get(i), m.group(1).equals("PROD") ? Kind.PRODUCTION
                            : Kind.CAPACITY, year, m.group(2) != null, null));
                }
            } else {
                p.ignoredColumns.add(names.get(i));
            }
        }
        List<String> missing = new ArrayList<>();
        missingCommon(missing);
        if (commodity < 0) missing.add("COMMODITY");
        if (unit < 0) missing.add("UNIT_MEAS");
        if (valueColumns.isEmpty()) missing.add("PROD_<year> or RESERVES_<year>");
        if (!missing.isEmpty() || !badYears.isEmpty()) {
            boolean normalized = header.stream().anyMatch(h -> h.strip().equalsIgnoreCase("measure"));
            throw ImportState.invalid(headerLine, (missing.isEmpty() ? "" : "the USGS header lacks column(s) "
                    + String.join(", ", missing))
                    + (badYears.isEmpty() ? "" : (missing.isEmpty() ? "" : "; ") + "column(s) " + badYears
                            + " name a year outside 1900-2200")
                    + (normalized ? "; the header is that of a NORMALIZED file: send format=NORMALIZED or no format" : ""));
        }
    }

    @Override
    Long commodity(int line, List<String> row) {
        String name = row.get(commodity).strip();
        Long id = p.catalogue.byName().get(Catalogue.nameKey(name));
        if (id == null) {
            p.error(line, "COMMODITY '" + ImportState.cut(name) + "' is not in the catalogue (by name or alias); add it, or an alias, first");
        }
        return id;
    }

    @Override
    String rowUnit(int line, List<String> row, String typeText) {
        String text = row.get(unit).strip();
        String code = UNIT_WORDS.get(text.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " "));
        if (code == null && p.catalogue.units().contains(text)) {
            code = text;
        }
        if (code == null) {
            p.error(line, "UNIT_MEAS '" + ImportState.cut(text) + "' is not one of " + UNIT_WORDS.keySet());
        }
        return code;
    }
}
