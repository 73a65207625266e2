package org.mfs.agreements;

/** The kind of instrument, after the categories treaty registers use plus those minerals deals add. */
public enum AgreementType {
    STRATEGIC_PARTNERSHIP,
    MINERALS_FOR_SECURITY,
    MEMORANDUM_OF_UNDERSTANDING,
    FRAMEWORK,
    OFFTAKE,
    INVESTMENT_TREATY
}
