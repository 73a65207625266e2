package org.mfs.agreements.service;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.agreements.Agreement;
import org.mfs.agreements.Visibility;
import org.mfs.agreements.rest.AgreementDtos.AgreementView;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.security.Caller;
import org.mfs.platform.security.Roles;
import org.mfs.platform.sql.SqlQueries;

import io.quarkus.security.ForbiddenException;

/**
 * Object-level access rules of agreements (docs/security.md), applied where the data is read and changed, not only
 * on routes:
 * <ul>
 * <li>a {@code PARTIES_ONLY} agreement exists only for admins and callers whose partner country is a party: absent
 * from searches, totals and exports (SQL filter), 404 on every path under it;</li>
 * <li>an editor changes only agreements its country is party to (and stays party after the change);</li>
 * <li>a project designation for a country is made only by that country's editors;</li>
 * <li>joint-committee decisions by the committee role of a party country; monitoring reports by monitors who can
 * see the agreement.</li>
 * </ul>
 * Work done outside a request with a token (demo loader, scheduled jobs) acts as the system and is not limited.
 */
@ApplicationScoped
public class AgreementAccess {

    /**
     * SQL condition: the country bound to {@code ?} is a party of agreement {@code a} (the parties' countries on the
     * agreement row, GIN-indexed; ADR 0018). The party search and the partner visibility filter share it.
     */
    static final String HAS_PARTY = "a.party_countries @> array[cast(? as text)]";

    /** Whether the current caller may see {@code a}. */
    public boolean canSee(Agreement a) {
        return canSee(a.visibility, a.parties.stream().map(p -> p.country).toList());
    }

    /** Whether the current caller may see the agreement as a stored representation shows it (asOf snapshots). */
    public boolean canSee(AgreementView v) {
        return canSee(v.visibility(), v.parties().stream().map(p -> p.country()).toList());
    }

    /** Whether the current caller may see an agreement with this visibility and these party countries. */
    public boolean canSee(Visibility visibility, Collection<String> partyCountries) {
        Caller c = caller();
        if (c == null || c.isAdmin() || visibility != Visibility.PARTIES_ONLY) {
            return true;
        }
        return c.partner().map(partyCountries::contains).orElse(false);
    }

    /**
     * Adds to {@code w} the SQL condition on {@code agreement a} that keeps only what the caller may see (none for
     * admins and the system).
     */
    public void visibleFilter(SqlQueries.Where w) {
        Caller c = caller();
        if (c == null || c.isAdmin()) {
            return;
        }
        if (c.partner().isEmpty()) {
            w.and("a.visibility = 'PUBLIC'");
            return;
        }
        w.and("a.visibility = 'PUBLIC' or " + HAS_PARTY, c.partner().get());
    }

    /** 404 (as if it did not exist) when the caller may not see {@code a}. */
    public Agreement visible(Agreement a) {
        if (!canSee(a)) {
            throw ProblemException.notFound("agreement", a.id);
        }
        return a;
    }

    /** Creating an agreement: an editor only among its parties. */
    public void requireCreate(Collection<String> partyCountries) {
        Caller c = caller();
        if (c == null || c.isAdmin()) {
            return;
        }
        requireRole(c, Roles.EDITOR);
        String partner = c.partner().orElseThrow(() -> new ForbiddenException(
                "an editor needs a partner country (the token's partner claim) to record agreements"));
        if (!partyCountries.contains(partner)) {
            throw new ForbiddenException("an editor for " + partner + " may only record agreements " + partner
                    + " is party to");
        }
    }

    /** Changing {@code a} (details, lifecycle, projects, obligations): an editor of a party country. */
    public void requireEdit(Agreement a) {
        requirePartyRole(a, Roles.EDITOR, "change");
    }

    /** After a change to the parties: the editor's own country must still be one. */
    public void requireStillParty(Agreement a) {
        Caller c = caller();
        if (c == null || c.isAdmin()) {
            return;
        }
        String partner = c.partner().orElse("");
        if (!a.isParty(partner)) {
            throw new ForbiddenException("an editor for " + partner + " may not remove " + partner
                    + " from the parties of an agreement");
        }
    }

    /** Designating a project for {@code country}: that country's editors only. */
    public void requireDesignate(Agreement a, String country) {
        Caller c = caller();
        if (c == null || c.isAdmin()) {
            return;
        }
        requireRole(c, Roles.EDITOR);
        if (!c.isPartner(country)) {
            throw new ForbiddenException("only editors for " + country + " may designate projects for " + country);
        }
    }

    /** A joint-committee decision: the committee role of a party country. */
    public void requireDecide(Agreement a) {
        requirePartyRole(a, Roles.COMMITTEE, "record joint-committee decisions on");
    }

    /** A monitoring report: the monitor role on an agreement the caller can see. */
    public void requireReport(Agreement a) {
        Caller c = caller();
        if (c == null || c.isAdmin()) {
            return;
        }
        requireRole(c, Roles.MONITOR);
    }

    private void requirePartyRole(Agreement a, String role, String what) {
        Caller c = caller();
        if (c == null || c.isAdmin()) {
            return;
        }
        requireRole(c, role);
        String partner = c.partner().orElse(null);
        if (partner == null || !a.isParty(partner)) {
            throw new ForbiddenException("only the " + role + " role of a party to agreement " + a.referenceCode + " "
                    + a.parties.stream().map(p -> p.country).toList() + " may " + what + " it");
        }
    }

    private static void requireRole(Caller c, String role) {
        if (!c.hasRole(role)) {
            throw new ForbiddenException("this operation needs the role " + role);
        }
    }

    /** The authenticated caller, or null for work the service does itself. */
    private static Caller caller() {
        return Caller.current().filter(Caller::authenticated).orElse(null);
    }
}
