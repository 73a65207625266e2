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
}
