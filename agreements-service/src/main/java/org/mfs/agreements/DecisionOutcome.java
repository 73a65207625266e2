package org.mfs.agreements;

/** The joint committee's decision on a project; an approved project is prioritised. */
public enum DecisionOutcome {
    APPROVED,
    DEFERRED,
    REJECTED
}
