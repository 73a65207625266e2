package org.mfs.platform.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link RequestFraming} lives in platform-common; how it reads Transfer-Encoding is tested here, beside the services'
 * request limits.
 */
class RequestFramingTest {

    @Test
    void chunkedAloneOrNoHeaderPasses() {
        assertTrue(RequestFraming.transferCoding(null).isEmpty());
        assertTrue(RequestFraming.transferCoding("chunked").isEmpty());
        assertTrue(RequestFraming.transferCoding(" Chunked ").isEmpty(), "codings are case-insensitive");
    }

    @Test
    void aLastCodingOtherThanChunkedLeavesTheLengthUnknown() {
        for (String header : new String[] { "gzip", "xchunked", "chunked, gzip", "", " , " }) {
            RequestFraming.Refusal refusal = RequestFraming.transferCoding(header).orElseThrow();
            assertEquals(400, refusal.status(), header);
            assertEquals("transfer-encoding-not-chunked", refusal.type(), header);
            assertTrue(refusal.closesConnection(), header);
        }
    }

    @Test
    void aCodingBeforeChunkedIsNotDecodedAndNamed() {
        RequestFraming.Refusal refusal = RequestFraming.transferCoding("gzip;q=1, deflate, chunked").orElseThrow();
        assertEquals(501, refusal.status());
        assertEquals("Transfer-Encoding 'gzip;q=1, deflate, chunked': only chunked is decoded; send the body without"
                + " gzip, deflate", refusal.detail());
    }

    @Test
    void aLongHeaderIsShortenedInTheAnswer() {
        String detail = RequestFraming.transferCoding("x".repeat(500)).orElseThrow().detail();
        assertTrue(detail.length() < 250, detail);
    }
}
