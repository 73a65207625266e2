package org.mfs.minerals;

/** Broad family of a commodity, for filtering the catalogue. */
public enum CommodityCategory {
    BASE_METAL, PRECIOUS_METAL, BATTERY_MATERIAL, TECHNOLOGY_METAL, RARE_EARTH_ELEMENTS, ORE, OTHER
}
