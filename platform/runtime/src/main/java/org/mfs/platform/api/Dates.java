package org.mfs.platform.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.mfs.platform.problem.ProblemException;

/**
 * Dates and instants read from requests: ISO 8601, years 0001 to 9999 (what ISO 8601 writes without an
 * agreement on expanded years, and inside PostgreSQL's range), so an extreme value is a 400 naming the field.
 */
public final class Dates {

    public static final LocalDate MIN = LocalDate.of(1, 1, 1);
    public static final LocalDate MAX = LocalDate.of(9999, 12, 31);

    private Dates() {
    }

    /** The date, or a {@link DateTimeException} when it lies outside 0001-01-01 .. 9999-12-31. */
    public static LocalDate inRange(LocalDate date) {
        if (date.isBefore(MIN) || date.isAfter(MAX)) {
            throw new DateTimeException("year out of range: " + date.getYear());
        }
        return date;
    }

    /** A query or path value as a date; null when absent; a 400 problem naming {@code field} when invalid. */
    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return inRange(LocalDate.parse(value.strip()));
        } catch (DateTimeException e) {
            throw ProblemException.invalid(field, "an ISO 8601 date such as 2025-06-27, years 0001 to 9999");
        }
    }

    /** A date (meaning the end of that day, UTC) or an instant; a 400 problem naming {@code field} when invalid. */
    public static Instant endOfDateOrInstant(String field, String value) {
        String v = value.strip();
        try {
            if (v.length() <= 10) {
                return inRange(LocalDate.parse(v)).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1000);
            }
            Instant i = Instant.parse(v);
            inRange(i.atOffset(ZoneOffset.UTC).toLocalDate());
            return i;
        } catch (DateTimeException | ArithmeticException e) {
            throw ProblemException.invalid(field, "a date such as 2025-12-31 or an instant such as 2025-12-31T12:00:00Z, years 0001 to 9999");
        }
    }
}
