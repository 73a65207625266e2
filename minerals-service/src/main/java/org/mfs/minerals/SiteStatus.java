package org.mfs.minerals;

public enum SiteStatus {
    PLANNED, DEVELOPMENT, OPERATING, CARE_AND_MAINTENANCE, CLOSED
}
