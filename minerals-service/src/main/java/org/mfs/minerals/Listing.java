package org.mfs.minerals;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Official lists a commodity appears on. */
@Schema(name = "MineralListing")
public enum Listing {
    /** US critical minerals list 2022 (50 minerals, USGS OFR 2021-1045 and the 2022 Federal Register list). */
    US_CRITICAL_2022,
    /** US critical minerals list 2025 (60 minerals, USGS OFR 2025-1047 and the final 2025 list). */
    US_CRITICAL_2025,
    /** EU critical raw materials 2023 (34), Regulation (EU) 2024/1252 Annex II. */
    EU_CRITICAL_2023,
    /** EU strategic raw materials 2023, Regulation (EU) 2024/1252 Annex I. */
    EU_STRATEGIC_2023,
    /** Conflict minerals (tin, tantalum, tungsten, gold): US Dodd-Frank section 1502 and Regulation (EU) 2017/821. */
    CONFLICT_MINERAL_3TG
}
