package org.mfs.minerals;

public enum TransportMode {
    RAIL, ROAD, RAIL_AND_ROAD, RIVER, PIPELINE, MULTIMODAL
}
