package org.mfs.minerals;

/** What a statistic measures. */
public enum Measure {
    MINE_PRODUCTION, REFINERY_PRODUCTION, RESERVES, MINE_CAPACITY, REFINERY_CAPACITY
}
