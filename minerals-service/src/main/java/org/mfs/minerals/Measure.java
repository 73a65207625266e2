package org.mfs.minerals;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a statistic measures. */
@Schema(name = "MineralMeasure")
public enum Measure {
    MINE_PRODUCTION, REFINERY_PRODUCTION, RESERVES, MINE_CAPACITY, REFINERY_CAPACITY
}
