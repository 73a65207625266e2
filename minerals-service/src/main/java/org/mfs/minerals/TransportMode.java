package org.mfs.minerals;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MineralTransportMode")
public enum TransportMode {
    RAIL, ROAD, RAIL_AND_ROAD, RIVER, PIPELINE, MULTIMODAL
}
