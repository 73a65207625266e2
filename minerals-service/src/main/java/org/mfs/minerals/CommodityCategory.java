package org.mfs.minerals;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Broad family of a commodity, for filtering the catalogue. */
@Schema(name = "MineralCommodityCategory")
public enum CommodityCategory {
    BASE_METAL, PRECIOUS_METAL, BATTERY_MATERIAL, TECHNOLOGY_METAL, RARE_EARTH_ELEMENTS, ORE, OTHER
}
