package org.mfs.minerals;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MineralCorridorStatus")
public enum CorridorStatus {
    PLANNED, UNDER_CONSTRUCTION, OPERATIONAL, UPGRADING, SUSPENDED
}
