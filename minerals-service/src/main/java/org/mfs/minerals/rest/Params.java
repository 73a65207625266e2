package org.mfs.minerals.rest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.mfs.minerals.service.CountryNames;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.validation.CountryCode;

/** Checks of query parameters that bean validation cannot express. */
final class Params {

    private Params() {
    }

    /** A country code, WORLD or ROW (or null). */
    static String area(String field, String value) {
        if (value != null && !CountryNames.isArea(value)) {
            throw ProblemException.invalid(field, "must be an ISO 3166-1 alpha-2 code such as CD, or WORLD or ROW");
        }
        return value;
    }

    /** A list of distinct ISO 3166-1 alpha-2 codes. */
    static List<String> countries(String field, List<String> values, boolean required) {
        if (values == null || values.isEmpty()) {
            if (required) {
                throw ProblemException.invalid(field, "give at least one country, e.g. " + field + "=CD");
            }
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                String c = part.strip();
                if (!CountryCode.Validator.isCountry(c)) {
                    throw ProblemException.invalid(field, "'" + c + "' is not an ISO 3166-1 alpha-2 country code");
                }
                out.add(c);
            }
        }
        if (out.size() > 250) {
            throw ProblemException.invalid(field, "at most 250 countries");
        }
        return new ArrayList<>(out);
    }

    /** Commodity codes, split on commas. */
    static List<String> codes(List<String> values) {
        if (values == null) {
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return new ArrayList<>(out);
    }
}
