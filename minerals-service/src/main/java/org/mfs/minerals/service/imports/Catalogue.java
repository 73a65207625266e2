package org.mfs.minerals.service.imports;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Commodity names, aliases and codes, and the known units, read once per import. */
public record Catalogue(Map<String, Long> byCode, Map<Long, String> codeById, Map<String, Long> byName, Set<String> units) {

    public static Catalogue load(Connection c) throws SQLException {
        Map<String, Long> byCode = new HashMap<>();
        Map<Long, String> codeById = new HashMap<>();
        Map<String, Long> byName = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id, code, name, aliases from commodity")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                byCode.put(rs.getString(2), id);
                codeById.put(id, rs.getString(2));
                byName.put(nameKey(rs.getString(2)), id);
                byName.put(nameKey(rs.getString(3)), id);
                for (String alias : (String[]) rs.getArray(4).getArray()) {
                    byName.put(nameKey(alias), id);
                }
            }
        }
        Set<String> units = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select code from unit")) {
            while (rs.next()) {
                units.add(rs.getString(1));
            }
        }
        return new Catalogue(byCode, codeById, byName, units);
    }

    /** The commodity with this catalogue code, name or alias (case and spacing ignored). */
    public Long byNameOrCode(String text) {
        Long id = byCode.get(text.strip());
        return id != null ? id : byName.get(nameKey(text));
    }

    /**
     * The commodity a USGS file-name abbreviation stands for: {@code cobal} in {@code mcs2024-cobal_world.csv},
     * {@code raree} for rare earths. It is the start of exactly one catalogue code, name or alias with spaces and
     * hyphens removed; null when none or several match.
     */
    public Long byAbbreviation(String abbreviation) {
        String a = squash(abbreviation);
        if (a.length() < 3) {
            return null;
        }
        Set<Long> found = new TreeSet<>();
        byName.forEach((name, id) -> {
            if (squash(name).startsWith(a)) {
                found.add(id);
            }
        });
        byCode.forEach((code, id) -> {
            if (squash(code).startsWith(a)) {
                found.add(id);
            }
        });
        return found.size() == 1 ? found.iterator().next() : null;
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s\\-_]+", "");
    }

    public static String nameKey(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
