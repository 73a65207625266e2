package org.mfs.minerals;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MineralCorridorNodeKind")
public enum NodeKind {
    MINE, PROCESSING_PLANT, TOWN, RAIL_JUNCTION, BORDER_CROSSING, PORT, DRY_PORT
}
