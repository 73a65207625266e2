package org.mfs.agreements;

/** Whether a precondition of an agreement (e.g. peace restored) is met. */
public enum PreconditionStatus {
    MET,
    UNMET
}
