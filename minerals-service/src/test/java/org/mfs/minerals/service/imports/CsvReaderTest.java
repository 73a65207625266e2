package org.mfs.minerals.service.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The CSV reader, including its fast path over runs of ordinary characters: the same fields, line numbers and
 * limits (a field or line exactly at its limit is read, one character more is refused, naming the line and field)
 * wherever a run meets the end of the reader's 64 K buffer.
 */
class CsvReaderTest {

    static List<List<String>> readAll(String text, int maxField, int maxLine) throws Exception {
        CsvReader r = new CsvReader(new StringReader(text), maxField, maxLine);
        List<List<String>> out = new ArrayList<>();
        List<String> row;
        while ((row = r.next()) != null) {
            out.add(row);
        }
        return out;
    }

    @Test
    void fieldsQuotesAndLineEnds() throws Exception {
        List<List<String>> rows = readAll("a,b ,\" c,\"\"d\"\"\"\r\n\nx,\"multi\nline\",z\nlast", 100, 1000);
        assertEquals(List.of(List.of("a", "b ", " c,\"d\""), List.of(), List.of("x", "multi\nline", "z"),
                List.of("last")), rows);
    }

    @Test
    void recordLinesCountQuotedNewlines() throws Exception {
        CsvReader r = new CsvReader(new StringReader("h\n\"a\nb\",c\nd\n"), 100, 1000);
        r.next();
        r.next();
        assertEquals(2, r.recordLine());
        assertEquals(List.of("d"), r.next());
        assertEquals(4, r.recordLine());
        assertNull(r.next());
    }

    @Test
    void aFieldAtItsLimitIsReadOneMoreIsRefused() throws Exception {
        assertEquals(List.of(List.of("abcde", "fghij")), readAll("abcde,fghij\n", 5, 100));
        var e = assertThrows(CsvReader.CsvSyntaxException.class, () -> readAll("ok\nab,cdefgh,x\n", 5, 100));
        assertEquals(2, e.line);
        assertTrue(e.getMessage().startsWith("field 2 is longer than 5 characters"), e.getMessage());
    }

    @Test
    void aLineAtItsLimitIsReadOneMoreIsRefused() throws Exception {
        assertEquals(List.of(List.of("aaaa", "bbbb", "ccc")), readAll("aaaa,bbbb,ccc\n", 100, 13));
        var e = assertThrows(CsvReader.CsvSyntaxException.class, () -> readAll("x\naaaa,bbbb,cccc\n", 100, 13));
        assertEquals(2, e.line);
        assertTrue(e.getMessage().startsWith("the line is longer than 13 characters"), e.getMessage());
    }

    @Test
    void aNulInsideAFieldIsRefusedOnItsLine() {
        var e = assertThrows(CsvReader.CsvSyntaxException.class, () -> readAll("a,b\ncd\u0000ef,g\n", 100, 100));
        assertEquals(2, e.line);
        assertTrue(e.getMessage().contains("NUL"));
    }

    @Test
    void longFieldsAcrossTheBufferEndAreReadWholeAndLimitsHoldThere() throws Exception {
        StringBuilder text = new StringBuilder();
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String a = "v".repeat(i % 97) + i;
            String b = "w".repeat(i % 131);
            text.append(a).append(',').append(b).append('\n');
            expected.add(List.of(a, b));
        }
        assertTrue(text.length() > 3 * (1 << 16), "the file spans several buffers");
        assertEquals(expected, readAll(text.toString(), 200, 400));

        // a field of 70,000 characters: refused at the limit however the buffer cuts it
        for (int limit : new int[] { 65_535, 65_536, 65_537, 69_999, 70_000 }) {
            String text2 = "h\nx," + "y".repeat(70_000) + "\n";
            if (limit >= 70_000) {
                assertEquals(70_000, readAll(text2, limit, 100_000).get(1).get(1).length());
            } else {
                var e = assertThrows(CsvReader.CsvSyntaxException.class, () -> readAll(text2, limit, 100_000));
                assertTrue(e.getMessage().startsWith("field 2 is longer than " + limit), e.getMessage());
                var l = assertThrows(CsvReader.CsvSyntaxException.class, () -> readAll(text2, 100_000, limit));
                assertTrue(l.getMessage().startsWith("the line is longer than " + limit), l.getMessage());
                assertEquals(2, l.line);
            }
        }
    }
}
