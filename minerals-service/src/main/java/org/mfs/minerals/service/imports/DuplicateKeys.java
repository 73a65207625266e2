package org.mfs.minerals.service.imports;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.mfs.minerals.Measure;

/**
 * Tells whether a file gives the same fact (commodity, measure, year, area, edition) twice, without asking the
 * database to group a million staged rows. Each staged value's key is packed exactly (no hashing, so no false
 * alarm) into one {@code long}: commodity id (36 bits), measure (3), year - 1900 (9), area (10: two letters, WORLD,
 * ROW), the edition's index in the file (6). The keys are sorted once at the end and neighbours compared.
 * <p>
 * Memory: 8 bytes per staged value (about 8 MB for a million values, at most 40 MB at the 5,000,000-row limit of a
 * normalized file), released with the import. When a key cannot be packed (a commodity id past 2^36, an area or an
 * edition that does not fit) the check answers "maybe" and the database does the exact check instead, as it does to
 * name the lines once a duplicate is known to exist. See docs/adr/0103-copy-based-imports.md.
 */
final class DuplicateKeys {

    private static final int WORLD = 26 * 26;
    private static final int ROW = WORLD + 1;
    private static final int MAX_EDITIONS = 64;

    private long[] keys = new long[1 << 12];
    private int size;
    private boolean packable = true;
    private final Map<String, Integer> editions = new HashMap<>();

    void add(long commodityId, Measure measure, int year, String area, String edition) {
        if (!packable) {
            return;
        }
        int areaCode = areaCode(area);
        Integer editionIndex = editions.get(edition);
        if (editionIndex == null && editions.size() < MAX_EDITIONS) {
            editionIndex = editions.size();
            editions.put(edition, editionIndex);
        }
        int y = year - 1900;
        if (commodityId < 0 || commodityId >= (1L << 36) || areaCode < 0 || editionIndex == null || y < 0 || y >= 512
                || measure.ordinal() >= 8) {
            packable = false;
            keys = null;
            return;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, keys.length + (keys.length >> 1));
        }
        keys[size++] = commodityId << 28 | (long) measure.ordinal() << 25 | (long) y << 16 | (long) areaCode << 6
                | editionIndex;
    }

    /** True when no key was given twice; false when one was, or when the keys could not be packed (ask the database). */
    boolean certainlyNone() {
        if (!packable) {
            return false;
        }
        Arrays.sort(keys, 0, size);
        for (int i = 1; i < size; i++) {
            if (keys[i] == keys[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static int areaCode(String area) {
        if (area.length() == 2) {
            char a = area.charAt(0);
            char b = area.charAt(1);
            return a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z' ? (a - 'A') * 26 + (b - 'A') : -1;
        }
        return "WORLD".equals(area) ? WORLD : "ROW".equals(area) ? ROW : -1;
    }
}
