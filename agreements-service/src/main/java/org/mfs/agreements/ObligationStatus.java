package org.mfs.agreements;

/** Where an obligation stands; OVERDUE is derived (PENDING past its due date) and never stored. */
public enum ObligationStatus {
    PENDING,
    MET,
    WAIVED,
    OVERDUE
}
