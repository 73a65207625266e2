package org.mfs.minerals;

public enum NodeKind {
    MINE, PROCESSING_PLANT, TOWN, RAIL_JUNCTION, BORDER_CROSSING, PORT, DRY_PORT
}
