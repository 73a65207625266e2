package org.mfs.platform.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.mfs.platform.problem.ProblemException;

/** The {@code asOf} query parameter of history-backed reads: a date (the end of that day, UTC) or an instant. */
public final class AsOf {

    private AsOf() {
    }

    /** Parses {@code asOf}; null stays null; anything else is a 400 problem naming the parameter. */
    public static Instant parse(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        String v = asOf.strip();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1000);
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("asOf", "a date such as 2025-12-31 or an instant such as 2025-12-31T12:00:00Z");
        }
    }
}
