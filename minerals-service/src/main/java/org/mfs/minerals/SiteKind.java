package org.mfs.minerals;

public enum SiteKind {
    MINE, PROCESSING_PLANT, REFINERY, SMELTER
}
