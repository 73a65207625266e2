package org.mfs.agreements;

/** Where an agreement stands in its lifecycle. */
public enum AgreementStatus {
    DRAFT,
    UNDER_NEGOTIATION,
    SIGNED,
    RATIFIED,
    IN_FORCE,
    SUSPENDED,
    TERMINATED,
    EXPIRED
}
