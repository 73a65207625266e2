package org.mfs.minerals.service;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma separated, fields optionally quoted with {@code "} and {@code ""} inside quotes,
 * CRLF or LF line ends, newlines allowed inside quotes. Remembers the physical line each record starts on.
 */
final class CsvReader {

    /** Thrown for text that is not CSV at all (an unterminated quote, a quote in the middle of a bare field). */
    static final class CsvSyntaxException extends Exception {
        final int line;

        CsvSyntaxException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private int line = 1;
    private int recordLine;
    private final StringBuilder field = new StringBuilder(64);

    CsvReader(Reader in) {
        this.in = in;
    }

    /** Line number (1-based) where the record last returned by {@link #next()} starts. */
    int recordLine() {
        return recordLine;
    }

    private int read() throws IOException {
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return -1;
            }
        }
        return buf[pos++];
    }

    private int peek() throws IOException {
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return -1;
            }
        }
        return buf[pos];
    }

    /** The next record's fields, or null at the end of the input. A blank line is an empty list. */
    List<String> next() throws IOException, CsvSyntaxException {
        int c = read();
        if (c == -1) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>(16);
        if (c == '\n' || c == '\r') {
            if (c == '\r' && peek() == '\n') {
                read();
            }
            line++;
            return fields;
        }
        field.setLength(0);
        boolean quoted = false;
        boolean afterQuote = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new CsvSyntaxException(recordLine, "a quoted field starting on this line is never closed");
                }
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\n' || c == '\r' || c == -1) {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                fields.add(field.toString());
                if (c != -1) {
                    line++;
                }
                return fields;
            } else if (c == '"') {
                if (afterQuote || !field.toString().isBlank()) {
                    throw new CsvSyntaxException(line, "a quote inside an unquoted field; quote the whole field");
                }
                field.setLength(0);
                quoted = true;
            } else {
                if (afterQuote && c != ' ') {
                    throw new CsvSyntaxException(line, "text after the closing quote of a field");
                }
                if (!afterQuote) {
                    field.append((char) c);
                }
            }
            c = read();
        }
    }
}
