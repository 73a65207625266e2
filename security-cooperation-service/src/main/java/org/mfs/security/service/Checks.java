package org.mfs.security.service;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

import org.mfs.platform.problem.ProblemException;
import org.mfs.security.rest.CommonDtos.Money;
import org.mfs.security.rest.CommonDtos.Source;

/** Checks that bean validation cannot express, each naming the offending field. */
public final class Checks {

    private Checks() {
    }

    public static void source(String field, Source s) {
        if (s == null) {
            throw ProblemException.invalid(field, "a source is required (title and url or reference)");
        }
        if (blank(s.url()) && blank(s.reference())) {
            throw ProblemException.invalid(field, "give the source's url or a reference");
        }
    }

    public static void sources(String field, List<Source> sources) {
        if (sources == null) {
            return;
        }
        for (int i = 0; i < sources.size(); i++) {
            source(field + "[" + i + "]", sources.get(i));
        }
    }

    /** ISO 4217 currency known to the JDK, positive (or zero when allowed) amount with at most 2 decimals. */
    public static Money money(String field, Money m, boolean zeroAllowed) {
        try {
            Currency.getInstance(m.currency());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field + ".currency", "'" + m.currency() + "' is not an ISO 4217 currency code");
        }
        if (m.amount().signum() < 0 || (!zeroAllowed && m.amount().signum() == 0)) {
            throw ProblemException.invalid(field + ".amount", zeroAllowed ? "must not be negative" : "must be more than 0");
        }
        return new Money(m.amount().setScale(2), m.currency());
    }

    /** 1200.000 as 1200 and 12.50 as 12.5, so a number reads the same before and after it was stored. */
    public static BigDecimal plain(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
