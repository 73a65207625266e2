package org.mfs.agreements;

/** How a party designates a project: the host country names strategic projects, the partner critical ones. */
public enum Designation {
    STRATEGIC,
    CRITICAL
}
