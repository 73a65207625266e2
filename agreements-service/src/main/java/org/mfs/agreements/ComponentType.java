package org.mfs.agreements;

/** The building blocks a minerals-for-security agreement combines. */
public enum ComponentType {
    MINERAL_ACCESS,
    INFRASTRUCTURE_INVESTMENT,
    REGIONAL_CONNECTIVITY,
    SECURITY_COOPERATION,
    PROCESSING_AND_VALUE_ADDITION,
    ESG
}
