package org.mfs.minerals.service.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma separated, fields optionally quoted with {@code "} and {@code ""} inside quotes,
 * CRLF or LF line ends, newlines allowed inside quotes. Remembers the physical line each record starts on.
 * <p>
 * Memory is bounded: a field longer than {@code maxFieldChars} or a record longer than {@code maxRecordChars}
 * stops the reading at once with a {@link CsvSyntaxException} naming the line, so a file made of one huge line
 * is refused after its first {@code maxRecordChars} characters, not after it was read whole.
 */
public final class CsvReader {

    /** Thrown for text that is not CSV at all (an unterminated quote, a quote in the middle of a bare field) or too long. */
    public static final class CsvSyntaxException extends Exception {
        public final int line;

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
    private final int maxFieldChars;
    private final int maxRecordChars;
    private int recordChars;

    public CsvReader(Reader in, int maxFieldChars, int maxRecordChars) {
        this.in = in;
        this.maxFieldChars = maxFieldChars;
        this.maxRecordChars = maxRecordChars;
    }

    /** Line number (1-based) where the record last returned by {@link #next()} starts. */
    public int recordLine() {
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
    public List<String> next() throws IOException, CsvSyntaxException {
        int c = read();
        if (c == -1) {
            return null;
        }
        recordLine = line;
        recordChars = 0;
        if (c == 0) {
            throw new CsvSyntaxException(line, "a NUL character (U+0000); the file is not CSV text");
        }
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
                    if (plainRun()) {
                        c = buf[pos++]; // the character that ended the run, counted and checked below as one read
                        checkNul(c);
                        count(fields.size());
                        continue;
                    }
                }
            }
            c = read();
            checkNul(c);
            count(fields.size());
        }
    }

    private void checkNul(int c) throws CsvSyntaxException {
        if (c == 0) {
            throw new CsvSyntaxException(line, "a NUL character (U+0000); the file is not CSV text");
        }
    }

    /** Counts one more character of the record and checks the limits, as after every character read. */
    private void count(int fieldsBefore) throws CsvSyntaxException {
        if (++recordChars > maxRecordChars) {
            throw new CsvSyntaxException(recordLine, "the line is longer than " + maxRecordChars
                    + " characters (the limit of a line); reading stopped there");
        }
        if (field.length() > maxFieldChars) {
            throw new CsvSyntaxException(recordLine, "field " + (fieldsBefore + 1) + " is longer than "
                    + maxFieldChars + " characters (the limit of a field); reading stopped there");
        }
    }

    /**
     * The fast path of an unquoted field: appends the ordinary characters that follow in the buffer (not a comma,
     * quote, line end or NUL) to the field at once, as the loop would one by one, stopping before a limit could be
     * passed so that the limits are checked on the same character as one by one. True when it stopped at a
     * character still in the buffer (which the caller then takes as its next read); false at the buffer's end or at
     * a limit, where the caller reads on one character at a time.
     */
    private boolean plainRun() throws CsvSyntaxException {
        // the character just appended is checked by the caller's count(); the run may take this many more
        int room = Math.min(maxRecordChars - recordChars - 1, maxFieldChars - field.length());
        int end = Math.min(len, pos + Math.max(0, room));
        int i = pos;
        while (i < end) {
            char ch = buf[i];
            if (ch == ',' || ch == '\n' || ch == '\r' || ch == '"' || ch == 0) {
                break;
            }
            i++;
        }
        int n = i - pos;
        if (n > 0) {
            field.append(buf, pos, n);
            recordChars += n;
            pos = i;
        }
        // the run and the character that started it are counted: recordChars and field stay within the limits
        return i < len && i < end;
    }
}
