package org.mfs.agreements;

/** The part a country plays in an agreement. */
public enum PartyRole {
    RESOURCE_HOLDER,
    INVESTOR_PARTNER,
    GUARANTOR,
    OBSERVER
}
