package org.mfs.platform.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link TransferCodings} lives in platform-common; its cases are tested here, beside the services' request limits. */
class TransferCodingsTest {

    @Test
    void chunkedAloneOrNoHeaderPasses() {
        assertTrue(TransferCodings.check(null).isEmpty());
        assertTrue(TransferCodings.check("chunked").isEmpty());
        assertTrue(TransferCodings.check(" Chunked ").isEmpty(), "codings are case-insensitive");
    }

    @Test
    void aLastCodingOtherThanChunkedLeavesTheLengthUnknown() {
        for (String header : new String[] { "gzip", "xchunked", "chunked, gzip", "", " , " }) {
            assertEquals(400, TransferCodings.check(header).orElseThrow().status(), header);
            assertEquals("transfer-encoding-not-chunked", TransferCodings.check(header).orElseThrow().type(), header);
        }
    }

    @Test
    void aCodingBeforeChunkedIsNotDecodedAndNamed() {
        TransferCodings.Refusal refusal = TransferCodings.check("gzip;q=1, deflate, chunked").orElseThrow();
        assertEquals(501, refusal.status());
        assertEquals("Transfer-Encoding 'gzip;q=1, deflate, chunked': only chunked is decoded; send the body without"
                + " gzip, deflate", refusal.detail());
    }

    @Test
    void aLongHeaderIsShortenedInTheAnswer() {
        String detail = TransferCodings.check("x".repeat(500)).orElseThrow().detail();
        assertTrue(detail.length() < 250, detail);
    }
}
