package org.mfs.minerals;

public enum CorridorStatus {
    PLANNED, UNDER_CONSTRUCTION, OPERATIONAL, UPGRADING, SUSPENDED
}
