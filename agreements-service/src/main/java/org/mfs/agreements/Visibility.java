package org.mfs.agreements;

/** Who may see an agreement: everyone, or only its parties. */
public enum Visibility {
    PUBLIC,
    PARTIES_ONLY
}
