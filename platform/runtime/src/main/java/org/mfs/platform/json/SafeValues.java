package org.mfs.platform.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import org.mfs.platform.api.Dates;

/**
 * Values PostgreSQL and people can both store: text without the NUL character (PostgreSQL rejects it in text) and
 * without unpaired surrogates (a JSON escape of U+D800 to U+DFFF without its other half is no character: UTF-8 cannot
 * encode it, and the driver would have stored a {@code ?} in its place),
 * decimals within the range of PostgreSQL's {@code numeric}, and dates and instants written as ISO 8601 strings with a year from 0001 to 9999 (a number is not a date:
 * Jackson would read {@code 20250627} as the 20,250,627th day after 1970, and PostgreSQL's date range ends long
 * before Java's).
 */
final class SafeValues {

    private SafeValues() {
    }

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("mfs-safe-values");
        m.addDeserializer(String.class, new StorableText());
        m.addDeserializer(BigDecimal.class, new BoundedDecimal());
        m.addDeserializer(LocalDate.class, new BoundedDate());
        m.addDeserializer(Instant.class, new BoundedInstant());
        return m;
    }

    static final class StorableText extends StdScalarDeserializer<String> {
        StorableText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = StringDeserializer.instance.deserialize(p, ctxt);
            String wrong = s == null ? null : whyNotStorable(s);
            if (wrong != null) {
                throw new RefusedValue(p, wrong, s, String.class);
            }
            return s;
        }

        /** Why PostgreSQL cannot store {@code s} as text, or null when it can. */
        static String whyNotStorable(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\0') {
                    return "must not contain the NUL character (U+0000), which PostgreSQL cannot store in text";
                }
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++; // a character beyond U+FFFF, written as its pair
                } else if (Character.isSurrogate(c)) {
                    return String.format("must be Unicode text: \\u%04X at character %d is half of a surrogate pair without its "
                            + "other half (RFC 8259, section 8.2), which UTF-8 cannot encode", (int) c, i + 1);
                }
            }
            return null;
        }
    }

    /**
     * A decimal PostgreSQL's {@code numeric} can hold: at most 131,072 digits before the decimal point and 16,383
     * after. {@code 1e-1000000000} is twelve characters of JSON, passes a range check such as 0 to 10, and then
     * failed to bind (the driver raises 10 to its exponent); its plain form would be a billion characters.
     */
    static final class BoundedDecimal extends StdScalarDeserializer<BigDecimal> {
        static final int MAX_INTEGER_DIGITS = 131_072;
        static final int MAX_FRACTION_DIGITS = 16_383;

        BoundedDecimal() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigDecimal value = NumberDeserializers.BigDecimalDeserializer.instance.deserialize(p, ctxt);
            if (value != null && (value.scale() > MAX_FRACTION_DIGITS
                    || (long) value.precision() - value.scale() > MAX_INTEGER_DIGITS)) {
                throw new RefusedValue(p, "must be a number with at most " + MAX_INTEGER_DIGITS
                        + " digits before the decimal point and " + MAX_FRACTION_DIGITS + " after", p.getText(),
                        BigDecimal.class);
            }
            return value;
        }
    }

    static final class BoundedDate extends StdScalarDeserializer<LocalDate> {
        BoundedDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = text(p, ctxt, LocalDate.class);
            try {
                return Dates.inRange(LocalDate.parse(text));
            } catch (DateTimeException e) {
                throw new RefusedValue(p, "must be an ISO 8601 date (such as 2025-06-27) from 0001-01-01 to 9999-12-31", text,
                        LocalDate.class);
            }
        }
    }

    static final class BoundedInstant extends StdScalarDeserializer<Instant> {
        BoundedInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = text(p, ctxt, Instant.class);
            try {
                Instant i = Instant.parse(text);
                Dates.inRange(i.atOffset(ZoneOffset.UTC).toLocalDate());
                return i;
            } catch (DateTimeException e) {
                throw new RefusedValue(p, "must be an ISO 8601 instant (such as 2025-06-27T10:00:00Z) in years 0001 to 9999",
                        text, Instant.class);
            }
        }
    }

    private static String text(JsonParser p, DeserializationContext ctxt, Class<?> type) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return (String) ctxt.handleUnexpectedToken(type, p.currentToken(), p,
                    "expected an ISO 8601 string, not %s", p.currentToken());
        }
        return p.getText().strip();
    }
}
