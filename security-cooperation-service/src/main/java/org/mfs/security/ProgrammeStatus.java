package org.mfs.security;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a programme is in its life. */
@Schema(name = "SecurityProgrammeStatus")
public enum ProgrammeStatus {
    PLANNED, ACTIVE, ON_HOLD, COMPLETED, CANCELLED
}
