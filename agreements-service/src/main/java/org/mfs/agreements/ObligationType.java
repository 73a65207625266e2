package org.mfs.agreements;

/** The kind of obligation (ESG and other) an agreement imposes. */
public enum ObligationType {
    IMPACT_ASSESSMENT,
    COMMUNITY_CONSULTATION,
    WATER_PROTECTION,
    BIODIVERSITY,
    TAILINGS_SAFETY,
    LOCAL_EMPLOYMENT,
    REVENUE_SHARING,
    CULTURAL_HERITAGE,
    CARBON_REPORTING,
    INDEPENDENT_AUDIT,
    OTHER
}
