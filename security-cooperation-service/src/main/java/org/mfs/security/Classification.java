package org.mfs.security;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How sensitive a programme is; ordered from least to most (a clearance covers its own level and those below). */
@Schema(name = "SecurityClassification")
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
