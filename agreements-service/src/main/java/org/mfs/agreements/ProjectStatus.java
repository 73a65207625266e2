package org.mfs.agreements;

/** Where a project stands. */
public enum ProjectStatus {
    PROPOSED,
    PLANNED,
    UNDER_CONSTRUCTION,
    OPERATIONAL,
    CANCELLED
}
