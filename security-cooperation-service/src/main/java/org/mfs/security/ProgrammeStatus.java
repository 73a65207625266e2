package org.mfs.security;

/** Where a programme is in its life. */
public enum ProgrammeStatus {
    PLANNED, ACTIVE, ON_HOLD, COMPLETED, CANCELLED
}
