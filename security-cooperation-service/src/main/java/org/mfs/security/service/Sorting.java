package org.mfs.security.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.mfs.platform.problem.ProblemException;

/** The {@code sort} query parameter: comma-separated keys, {@code -} for descending, checked against a whitelist. */
public final class Sorting {

    private Sorting() {
    }

    public static String orderBy(String sort, Map<String, String> keys, String defaultOrder, String tieBreak) {
        if (sort == null || sort.isBlank()) {
            return defaultOrder + ", " + tieBreak;
        }
        List<String> parts = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (String s : sort.split(",")) {
            String key = s.strip();
            boolean desc = key.startsWith("-");
            String name = desc ? key.substring(1) : key;
            String sql = keys.get(name);
            if (sql == null) {
                throw ProblemException.invalid("sort", "unknown sort key '" + name + "'; use " + new TreeSet<>(keys.keySet())
                        + ", prefixed with - for descending");
            }
            if (used.add(name)) {
                parts.add(sql + (desc ? " desc nulls last" : " asc nulls last"));
            }
        }
        parts.add(tieBreak);
        return String.join(", ", parts);
    }
}
