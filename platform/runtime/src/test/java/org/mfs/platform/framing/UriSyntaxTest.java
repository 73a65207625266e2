package org.mfs.platform.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link UriSyntax}: what a request target must be before the gateway or a service reads it. */
class UriSyntaxTest {

    @Test
    void wellFormedTargetsPass() {
        for (String uri : new String[] { "/api/v1/agreements", "/api/v1/agreements?party=CD&status=SIGNED&sort=-title",
                "/api/v1/agreements?q=caf%C3%A9%20%E2%82%AC", "/api/v1/agreements?q=a+b%3Bc%25", "/q/openapi?format=json",
                "/api/v1/minerals/commodities/cob%61lt", "/api/v1/agreements?q=%F0%9F%98%80", "/api/v1/agreements?a%3Db=1",
                "/api/v1/agreements?q=a%00b", "*", "http://other.example/api/v1/agreements?x=1" }) {
            assertTrue(UriSyntax.check(uri).isEmpty(), uri);
        }
    }

    @Test
    void aPercentWithoutTwoHexDigitsIsNamedWithItsParameter() {
        RequestFraming.Refusal refusal = UriSyntax.check("/api/v1/agreements?party=CD&q=a%zz").orElseThrow();
        assertEquals(400, refusal.status());
        assertEquals("malformed-uri", refusal.type());
        assertEquals("query parameter q: '%zz' at character 32 is not percent-encoding: a '%' is followed by two"
                + " hexadecimal digits; send a '%' that belongs to a value as %25", refusal.detail());
        assertEquals(List.of("q"), refusal.parameters());
        for (String uri : new String[] { "/api/v1/agreements?q=%", "/api/v1/agreements?q=%2", "/api/v1/agreements?q=%2g",
                "/api/v1/agreements?q=%%41", "/api/v1/agreements?q=%41%" }) {
            refusal = UriSyntax.check(uri).orElseThrow(() -> new AssertionError(uri));
            assertEquals("malformed-uri", refusal.type(), uri);
            assertEquals(List.of("q"), refusal.parameters(), uri);
        }
    }

    @Test
    void theFaultInThePathIsSaidToBeThere() {
        RequestFraming.Refusal refusal = UriSyntax.check("/api/v1/agreements/%ZZ?q=1").orElseThrow();
        assertTrue(refusal.detail().startsWith("the path: '%ZZ' at character 20"), refusal.detail());
        assertEquals(List.of(), refusal.parameters());
    }

    @Test
    void percentEncodedBytesMustBeUtf8() {
        for (String bad : new String[] { "%C3%28", "%FF", "%C3", "%E2%82", "%ED%A0%80", "%C0%AF" }) {
            RequestFraming.Refusal refusal = UriSyntax.check("/api/v1/agreements?q=x" + bad + "y").orElseThrow(
                    () -> new AssertionError(bad));
            assertEquals("malformed-uri", refusal.type(), bad);
            assertEquals("query parameter q: the bytes " + bad + " at character 23 are not UTF-8; percent-encode text"
                    + " as its UTF-8 bytes", refusal.detail());
        }
    }

    @Test
    void bytesThatMustBeEncodedAreRefused() {
        // as the HTTP codec hands the request line over: one char per byte (é in UTF-8 is C3 A9)
        RequestFraming.Refusal refusal = UriSyntax.check("/api/v1/agreements?q=caf\u00c3\u00a9").orElseThrow();
        assertEquals("query parameter q: the byte 0xC3 at character 25 must be percent-encoded; send text as"
                + " percent-encoded UTF-8", refusal.detail());
        for (String uri : new String[] { "/api/v1/agreements?q=a\tb", "/api/v1/agreements?q=a\u007fb",
                "/api/v1/agree\u0001ments" }) {
            assertEquals("malformed-uri", UriSyntax.check(uri).orElseThrow(() -> new AssertionError(uri)).type());
        }
    }

    @Test
    void aSemicolonIsRefusedInTheQueryAndInThePath() {
        RequestFraming.Refusal refusal = UriSyntax.check("/api/v1/agreements?party=CD&sort=title;size=500").orElseThrow();
        assertEquals(400, refusal.status());
        assertEquals("semicolon-in-uri", refusal.type());
        assertEquals("query parameter sort holds ';' at character 39: separate parameters with '&'; send a ';' that"
                + " belongs to a value as %3B", refusal.detail());
        assertEquals(List.of("sort"), refusal.parameters());

        assertEquals(List.of("a"), UriSyntax.check("/x?a;b=1").orElseThrow().parameters());
        refusal = UriSyntax.check("/api/v1/minerals;x/commodities").orElseThrow();
        assertEquals("the path holds ';' at character 17: no operation takes path (matrix) parameters; send a ';' that"
                + " belongs to a value as %3B", refusal.detail());
    }

    @Test
    void aLongOrUnprintableParameterNameIsShortenedAndMasked() {
        String name = "n".repeat(100);
        assertEquals("n".repeat(40) + "…", UriSyntax.check("/x?" + name + "=%zz").orElseThrow().parameters().get(0));
        assertEquals("a?b", UriSyntax.parameterAt("/x?a\u00ffb=1", 5));
        assertEquals("(unnamed)", UriSyntax.check("/x?=%zz").orElseThrow().parameters().get(0));
    }
}
