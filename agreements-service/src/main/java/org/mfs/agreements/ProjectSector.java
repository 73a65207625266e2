package org.mfs.agreements;

/** The sector of a project under an agreement. */
public enum ProjectSector {
    ENERGY,
    TRANSPORT,
    MINING,
    PROCESSING,
    DIGITAL,
    OTHER
}
