package org.mfs.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** {@link SafeValues.BoundedDecimal}: decimals PostgreSQL's numeric can hold, read as sent. */
class SafeValuesTest {

    record Amount(BigDecimal value) {
    }

    private final ObjectMapper json = new ObjectMapper().registerModule(SafeValues.module());

    private BigDecimal read(String number) throws Exception {
        return json.readValue("{\"value\":" + number + "}", Amount.class).value();
    }

    @Test
    void decimalsWithinNumericsRangeAreReadExactly() throws Exception {
        assertEquals(new BigDecimal("2500000.25"), read("2500000.25"));
        assertEquals(new BigDecimal("1E-16383"), read("1e-16383"));
        assertEquals(new BigDecimal("9E+131071"), read("9e131071"));
        assertEquals(new BigDecimal("-0.1"), read("-0.1"));
        assertEquals(null, read("null"));
    }

    @Test
    void decimalsBeyondWhatNumericHoldsAreRefused() {
        for (String number : new String[] { "1e-1000000000", "1e-16384", "1e131072", "0e-20000", "-1e999999999" }) {
            RefusedValue refused = assertThrows(RefusedValue.class, () -> read(number), number);
            assertEquals("value", refused.getPath().get(0).getFieldName(), number);
            assertEquals("must be a number with at most 131072 digits before the decimal point and 16383 after",
                    refused.reason(), number);
        }
    }

    record Text(String value) {
    }

    private String text(String jsonString) throws Exception {
        return json.readValue("{\"value\":" + jsonString + "}", Text.class).value();
    }

    @Test
    void charactersBeyondTheBasicPlaneAreKeptWhetherEscapedOrNot() throws Exception {
        assertEquals("mine \uD83D\uDE9A", text("\"mine \\ud83d\\ude9a\""));
        assertEquals("mine \uD83D\uDE9A", text("\"mine \uD83D\uDE9A\""));
        assertEquals("Kolwezi \u00e9", text("\"Kolwezi \\u00e9\""));
    }

    @Test
    void halfASurrogatePairIsRefusedNotStoredAsAQuestionMark() {
        // PostgreSQL's driver encodes such a string to UTF-8 with '?' in its place: a 201 that changed the text
        String[][] cases = { { "\"a\\ud800b\"", "\\uD800 at character 2" }, { "\"\\udc00\"", "\\uDC00 at character 1" },
                { "\"ab\\ude9a\\ud83d\"", "\\uDE9A at character 3" }, { "\"end \\ud83d\"", "\\uD83D at character 5" } };
        for (String[] c : cases) {
            RefusedValue refused = assertThrows(RefusedValue.class, () -> text(c[0]), c[0]);
            assertEquals("value", refused.getPath().get(0).getFieldName(), c[0]);
            assertEquals("must be Unicode text: " + c[1] + " is half of a surrogate pair without its other half "
                    + "(RFC 8259, section 8.2), which UTF-8 cannot encode", refused.reason(), c[0]);
        }
    }
}
