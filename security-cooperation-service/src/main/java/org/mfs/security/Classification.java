package org.mfs.security;

/** How sensitive a programme is; ordered from least to most (a clearance covers its own level and those below). */
public enum Classification {
    PUBLIC, RESTRICTED, CONFIDENTIAL;

    public boolean coveredBy(String clearance) {
        if (clearance == null) {
            return this == PUBLIC;
        }
        try {
            return valueOf(clearance).ordinal() >= ordinal();
        } catch (IllegalArgumentException e) {
            return this == PUBLIC;
        }
    }
}
