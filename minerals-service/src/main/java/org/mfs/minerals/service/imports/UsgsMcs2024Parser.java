package org.mfs.minerals.service.imports;

import java.util.ArrayList;
import java.util.List;

import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;

/**
 * The USGS Mineral Commodity Summaries 2024 Data Release: one file per commodity ({@code mcs2024-cobal_world.csv})
 * with {@code Source, Country, Type, Prod_t_est_2022, Prod_t_est_2023, Prod_notes, Reserves_t, Reserves_notes}
 * (other commodities: {@code Prod_kt_2022}, {@code Cap_kt_2023} …). There is no COMMODITY and no UNIT_MEAS column:
 * the commodity comes from the {@code commodity} option or else from the USGS file name; the unit from the value
 * column's name ({@code _t_}, {@code _kt_}), else the {@code unit} option, else the wording of TYPE ("metric tons of
 * contained cobalt"). {@code Reserves_t} has no year: reserves are those of the year before the edition (MCS 2024:
 * 2023), as the 2025 layout's {@code RESERVES_2024} shows. "est" in a column name marks its values estimated.
 */
final class UsgsMcs2024Parser extends UsgsParser {

    private final long commodityId;
    private final String optionUnit;

    UsgsMcs2024Parser(ImportState p, List<String> header, int headerLine, ImportOptions options) {
        super(p, header);
        List<String> badYears = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String key = key(header.get(i));
            if (common(i, key)) {
                continue;
            }
            ValueColumn col = valueColumn(i, key);
            if (col == null) {
                p.ignoredColumns.add(names.get(i));
            } else if (col.year() != 0 && !validYear(col.year())) {
                badYears.add(names.get(i));
            } else {
                valueColumns.add(col);
            }
        }
        List<String> missing = new ArrayList<>();
        missingCommon(missing);
        if (valueColumns.isEmpty()) missing.add("Prod_<unit>_<year> or Reserves_<unit>");
        if (!missing.isEmpty() || !badYears.isEmpty()) {
            throw ImportState.invalid(headerLine, (missing.isEmpty() ? "" : "the USGS MCS 2024 header lacks column(s) "
                    + String.join(", ", missing))
                    + (badYears.isEmpty() ? "" : (missing.isEmpty() ? "" : "; ") + "column(s) " + badYears
                            + " name a year outside 1900-2200"));
        }
        this.optionUnit = optionUnit(p, options);
        this.commodityId = commodity(p, headerLine, options);
    }

    /** {@code PROD_T_EST_2022}, {@code CAP_KT_2023}, {@code RESERVES_T}; null for any other column. */
    private ValueColumn valueColumn(int index, String key) {
        String[] parts = key.split("_");
        Kind kind = switch (parts[0]) {
            case "PROD" -> Kind.PRODUCTION;
            case "CAP" -> Kind.CAPACITY;
            case "RESERVES" -> Kind.RESERVES;
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        int year = 0;
        boolean estimated = false;
        String unit = null;
        for (int k = 1; k < parts.length; k++) {
            String t = parts[k];
            if (k == parts.length - 1 && t.matches("\\d{4}")) {
                year = Integer.parseInt(t);
            } else if (t.equals("EST")) {
                estimated = true;
            } else if (unit == null && unitCode(t) != null) {
                unit = unitCode(t);
            } else {
                return null;
            }
        }
        if (year == 0 && kind != Kind.RESERVES) {
            return null;
        }
        return new ValueColumn(index, names.get(index), kind, year, estimated, unit);
    }

    /** The catalogue unit spelled {@code token} in any case ({@code T} is t, {@code KT} kt), or null. */
    private String unitCode(String token) {
        String found = null;
        for (String u : p.catalogue.units()) {
            if (u.equalsIgnoreCase(token)) {
                if (found != null) {
                    return null;
                }
                found = u;
            }
        }
        return found;
    }

    private static String optionUnit(ImportState p, ImportOptions options) {
        if (options.unit() == null || options.unit().isBlank()) {
            return null;
        }
        String u = options.unit().strip();
        if (!p.catalogue.units().contains(u)) {
            throw new ProblemException(400, "validation-failed", "Request is invalid", "unit: '" + u
                    + "' is not one of " + p.catalogue.units(), List.of(new Problem.FieldError("unit",
                            "not one of " + p.catalogue.units())));
        }
        return u;
    }

    private static long commodity(ImportState p, int headerLine, ImportOptions options) {
        if (options.commodity() != null && !options.commodity().isBlank()) {
            Long id = p.catalogue.byNameOrCode(options.commodity());
            if (id == null) {
                throw new ProblemException(400, "validation-failed", "Request is invalid", "commodity: '"
                        + options.commodity().strip() + "' is not a catalogue commodity (code, name or alias)",
                        List.of(new Problem.FieldError("commodity", "not a catalogue commodity (code, name or alias)")));
            }
            return id;
        }
        String abbreviation = options.fileNameCommodity();
        Long id = abbreviation == null ? null : p.catalogue.byAbbreviation(abbreviation);
        if (id == null) {
            throw ImportState.invalid(headerLine, "this is the USGS MCS 2024 layout, which has no COMMODITY column: "
                    + "give commodity=<code> (such as cobalt)"
                    + (abbreviation == null ? " or send the file under its USGS name (Content-Disposition filename "
                            + "such as mcs2024-cobal_world.csv)"
                            : "; the file name's '" + abbreviation + "' is not one catalogue commodity"));
        }
        return id;
    }

    @Override
    Long commodity(int line, List<String> row) {
        return commodityId;
    }

    @Override
    String rowUnit(int line, List<String> row, String typeText) {
        return optionUnit != null ? optionUnit : unitInText(typeText);
    }
}
