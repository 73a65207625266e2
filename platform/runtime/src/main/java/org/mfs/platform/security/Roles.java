package org.mfs.platform.security;

/**
 * The suite's realm roles (docs/security.md). {@link RoleHierarchy} adds the implied ones to every verified
 * identity: {@code admin} implies every role; {@code editor}, {@code committee} and {@code monitor} imply
 * {@code viewer}. So {@code @RolesAllowed(Roles.EDITOR)} admits admins too.
 */
public final class Roles {

    /** Reads what the caller's partner country and clearance allow. */
    public static final String VIEWER = "viewer";
    /** Creates and changes records of agreements its partner country is party to. */
    public static final String EDITOR = "editor";
    /** Records joint-committee decisions. */
    public static final String COMMITTEE = "committee";
    /** Files monitoring reports on obligations. */
    public static final String MONITOR = "monitor";
    /**
     * May do anything and sees every agreement, PARTIES_ONLY ones included. Classified security programmes are the
     * exception: they need the partner country and clearance whatever the role (ADR 301).
     */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
