package org.mfs.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class RawQueryTest {

    @Test
    void namesAreDecodedValuesAreNot() {
        assertEquals(List.of(new RawQuery("signed from", "2025%2D01"), new RawQuery("flag", "")),
                RawQuery.parse("signed%20from=2025%2D01&flag"));
    }

    @Test
    void emptyNamesAreLeftOutAndMalformedNamesKeptAsSent() {
        assertEquals(List.of(new RawQuery("a", "1"), new RawQuery("%zz", "2")), RawQuery.parse("&=x&a=1&%zz=2&"));
        assertEquals(List.of(), RawQuery.parse(null));
    }

    @Test
    void theParametersHoldingAnEncodedNulAreNamedOnce() {
        assertEquals(List.of("mineral", "q"), RequestLimits.nulParameters("party=CD&mineral=a%00b&q=%00&mineral=%00"));
        assertEquals(List.of(), RequestLimits.nulParameters("x%00=%00"), "a name holding the NUL is not quoted back");
    }
}
