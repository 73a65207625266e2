package org.mfs.platform.security;

import java.util.Locale;

/**
 * How sensitive information a caller may read, from the token's {@code clearance} claim. Ordered:
 * {@link #PUBLIC} &lt; {@link #RESTRICTED} &lt; {@link #CONFIDENTIAL}.
 */
public enum Clearance {
    PUBLIC, RESTRICTED, CONFIDENTIAL;

    /** Whether this clearance is {@code other} or higher. */
    public boolean atLeast(Clearance other) {
        return compareTo(other) >= 0;
    }

    /** The clearance a claim value names (case-insensitive); {@link #PUBLIC} when absent or unknown. */
    public static Clearance fromClaim(Object value) {
        if (value == null) {
            return PUBLIC;
        }
        String s = value.toString().strip().toUpperCase(Locale.ROOT);
        for (Clearance c : values()) {
            if (c.name().equals(s)) {
                return c;
            }
        }
        return PUBLIC;
    }
}
