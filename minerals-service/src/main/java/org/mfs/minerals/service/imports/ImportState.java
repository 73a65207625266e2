package org.mfs.minerals.service.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.mfs.minerals.rest.ImportDtos.Skip;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;

/**
 * What one import has read so far: counts, skips, errors, editions and commodities met. Every collection is
 * bounded (errors, listed skips, editions), so a hostile file cannot grow it without limit.
 */
public final class ImportState {

    public static final int MAX_ERRORS = 20;
    public static final int MAX_SKIPS_LISTED = 500;
    /** More editions than this in one file is not a real file. */
    public static final int MAX_EDITIONS = 50;

    /** The numbers a value cell may hold, as a specification; {@link #isNumber} is what runs. */
    static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?|\\d{1,3}(,\\d{3})+(\\.\\d+)?");

    public final Catalogue catalogue;
    public final int maxRows;
    public final List<Problem.FieldError> errors = new ArrayList<>();
    public final List<Skip> skips = new ArrayList<>();
    public final List<String> ignoredColumns = new ArrayList<>();
    public final Map<String, Integer> editions = new LinkedHashMap<>();
    public final Set<String> commodities = new TreeSet<>();
    public int skipCount;
    public int rowsRead;
    public int valuesRead;
    public int lastLine;

    public ImportState(Catalogue catalogue, int maxRows) {
        this.catalogue = catalogue;
        this.maxRows = maxRows;
    }

    public void error(int line, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new Problem.FieldError("line " + line, message));
        }
    }

    public void skip(int line, String column, String value, String reason) {
        skipCount++;
        if (skips.size() < MAX_SKIPS_LISTED) {
            skips.add(new Skip(line, column, value, reason));
        }
    }

    /** Whether enough errors were found to stop reading. */
    public boolean full() {
        return errors.size() >= MAX_ERRORS;
    }

    /**
     * Counts a data row; false (with an error) when the file has more rows than allowed or a row has the wrong
     * number of fields, and the row must not be used.
     */
    public boolean acceptRow(int line, List<String> row, int width) {
        rowsRead++;
        if (rowsRead > maxRows) {
            error(line, "more than " + maxRows + " data rows; split the file");
            return false;
        }
        if (row.size() != width) {
            error(line, "has " + row.size() + " fields, the header has " + width);
            return false;
        }
        return true;
    }

    /** Records an edition met in the file; false (with an error) past {@link #MAX_EDITIONS} distinct editions. */
    public boolean edition(int line, String code, int publishedYear) {
        if (!editions.containsKey(code) && editions.size() >= MAX_EDITIONS) {
            error(line, "more than " + MAX_EDITIONS + " different editions in one file");
            return false;
        }
        editions.putIfAbsent(code, publishedYear);
        return true;
    }

    /** A cell quoted in a message, cut to 100 characters so a problem stays small. */
    public static String cut(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "…";
    }

    /** Whether a record is a blank line. */
    public static boolean blank(List<String> row) {
        return row.isEmpty() || (row.size() == 1 && row.get(0).isBlank());
    }

    /** Parses a number, or a lower bound such as {@code >90000000}; null when the cell is not a number. */
    public static Num number(String cell) {
        String s = cell.strip();
        boolean lower = false;
        if (s.startsWith(">")) {
            lower = true;
            s = s.substring(1).strip();
        }
        if (s.length() > 40 || !isNumber(s)) {
            return null;
        }
        return new Num(s.indexOf(',') < 0 ? s : s.replace(",", ""), lower);
    }

    /**
     * Whether {@code s} is a plain decimal number, its integer part optionally grouped by commas: what
     * {@link #NUMBER} says, without a regular expression per value (a million values per file).
     */
    static boolean isNumber(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && digit(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        if (i < n && s.charAt(i) == ',') {
            if (i > 3) {
                return false;
            }
            while (i < n && s.charAt(i) == ',') {
                if (i + 3 >= n || !digit(s.charAt(i + 1)) || !digit(s.charAt(i + 2)) || !digit(s.charAt(i + 3))) {
                    return false;
                }
                i += 4;
            }
        }
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && digit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A number as text (for COPY) and whether it is a lower bound. */
    public record Num(String text, boolean lowerBound) {
    }

    /** Why a non-numeric cell holds no value, or null when it is just wrong. */
    public static String nonValueReason(String cell) {
        String s = cell.strip();
        if (s.isEmpty()) {
            return "empty";
        }
        String upper = s.toUpperCase(Locale.ROOT);
        if (upper.equals("W")) {
            return "withheld (W) to protect company proprietary data";
        }
        if (upper.equals("NA") || upper.equals("N/A")) {
            return "not available (NA)";
        }
        if (upper.equals("XX")) {
            return "not applicable (XX)";
        }
        if (s.matches("[-\u2013\u2014]+")) {
            return "no value (" + s + ")";
        }
        if (upper.contains("INCLUDED IN WORLD TOTAL") || upper.contains("INCLUDED WITH")) {
            return "not reported separately: " + s;
        }
        return null;
    }

    /** The 422 problem for a file that cannot be imported, naming its first bad lines. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        Problem.FieldError first = errors.get(0);
        String detail = (errors.size() == 1 ? "1 problem" : errors.size() + (errors.size() >= MAX_ERRORS ? "+" : "")
                + " problems") + "; first at " + first.field() + ": " + first.message() + ". Nothing was stored.";
        return new ProblemException(422, "invalid-import-file", "The file cannot be imported", detail, errors);
    }

    public static ProblemException invalid(int line, String message) {
        return invalid(List.of(new Problem.FieldError("line " + line, message)));
    }
}
