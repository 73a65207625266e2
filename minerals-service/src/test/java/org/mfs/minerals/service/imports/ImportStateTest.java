package org.mfs.minerals.service.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Value cells: the hand-written number check says exactly what the documented pattern says. */
class ImportStateTest {

    @Test
    void theNumberCheckAgreesWithThePatternOnEveryShapeOfCell() {
        String alphabet = "0123456789,.,.0 -a>";
        SplittableRandom rnd = new SplittableRandom(13);
        for (int i = 0; i < 500_000; i++) {
            StringBuilder s = new StringBuilder();
            int len = rnd.nextInt(14);
            for (int k = 0; k < len; k++) {
                s.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String cell = s.toString();
            assertEquals(ImportState.NUMBER.matcher(cell).matches(), ImportState.isNumber(cell), cell);
        }
        for (String cell : new String[] { "0", "12", "1,234", "12,345,678.25", "1234,567", "1,23", "1,2345", ",123",
                "1.", ".5", "1.5.5", "1,234.", "٣", "1 234", "" }) {
            assertEquals(ImportState.NUMBER.matcher(cell).matches(), ImportState.isNumber(cell), cell);
        }
    }

    @Test
    void numbersLoseTheirGroupingAndKeepTheirLowerBound() {
        assertEquals(new ImportState.Num("1234567.5", false), ImportState.number(" 1,234,567.5 "));
        assertEquals(new ImportState.Num("100", true), ImportState.number(">100"));
        assertNull(ImportState.number("12x"));
        assertNull(ImportState.number("1".repeat(41)));
    }
}
