package org.mfs.minerals.service.imports;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.mfs.minerals.Measure;

/** The in-memory duplicate check: every distinct fact is told apart, a repeated one is caught, odd keys defer. */
class DuplicateKeysTest {

    @Test
    void distinctFactsAreNeverTakenForDuplicates() {
        DuplicateKeys keys = new DuplicateKeys();
        String[] areas = Locale.getISOCountries();
        for (long commodity : new long[] { 1, 2, 4095, (1L << 36) - 1 }) {
            for (Measure m : Measure.values()) {
                for (int year : new int[] { 1900, 1999, 2200 }) {
                    for (String edition : new String[] { "USGS MCS 2024", "USGS MCS 2025" }) {
                        for (String area : areas) {
                            keys.add(commodity, m, year, area, edition);
                        }
                        keys.add(commodity, m, year, "WORLD", edition);
                        keys.add(commodity, m, year, "ROW", edition);
                    }
                }
            }
        }
        assertTrue(keys.certainlyNone());
    }

    @Test
    void aRepeatedFactIsCaughtWhereverItIs() {
        DuplicateKeys keys = new DuplicateKeys();
        for (int year = 1900; year <= 2200; year++) {
            keys.add(7, Measure.RESERVES, year, "CD", "USGS MCS 2025");
        }
        keys.add(7, Measure.RESERVES, 1950, "CD", "USGS MCS 2025");
        assertFalse(keys.certainlyNone());
    }

    @Test
    void aKeyThatCannotBePackedLeavesTheCheckToTheDatabase() {
        DuplicateKeys keys = new DuplicateKeys();
        keys.add(1L << 36, Measure.RESERVES, 2000, "CD", "USGS MCS 2025");
        assertFalse(keys.certainlyNone());
        DuplicateKeys odd = new DuplicateKeys();
        odd.add(1, Measure.RESERVES, 2000, "EU", "USGS MCS 2025");
        odd.add(1, Measure.RESERVES, 2000, "Europe", "USGS MCS 2025");
        assertFalse(odd.certainlyNone());
    }
}
