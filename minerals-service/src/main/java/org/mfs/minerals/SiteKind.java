package org.mfs.minerals;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MineralSiteKind")
public enum SiteKind {
    MINE, PROCESSING_PLANT, REFINERY, SMELTER
}
