package org.mfs.security.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.security.Caller;
import org.mfs.platform.security.Roles;
import org.mfs.security.Classification;

/**
 * Who is asking, as far as classification is concerned: the verified token's partner country and clearance (platform
 * {@link Caller}). A RESTRICTED or CONFIDENTIAL programme is visible only to a caller whose partner country is its
 * provider or recipient and whose clearance is at least its classification — no role overrides that. Everything that
 * could reveal a programme (lists, counts, totals, aggregates, history, incident links) goes through {@link #canSee}
 * or {@link #sql}. Background work (demo loader) states who it acts as with {@link #actAs}.
 */
@RequestScoped
public class Audience {

    public static final String SYSTEM = Caller.SYSTEM;

    private final Caller caller;
    private String backgroundPartner;
    private Classification backgroundClearance;
    private boolean background;

    public Audience(Caller caller) {
        this.caller = caller;
    }

    /** Background work (no token): act as {@code system:<name>} with this partner country and clearance. */
    public void actAs(String name, String partner, Classification clearance) {
        caller.actAs(name);
        background = true;
        backgroundPartner = partner;
        backgroundClearance = clearance;
    }

    public String actor() {
        return caller.actor();
    }

    public Optional<String> partner() {
        return background ? Optional.ofNullable(backgroundPartner) : caller.partner();
    }

    public Classification clearance() {
        if (background) {
            return backgroundClearance == null ? Classification.PUBLIC : backgroundClearance;
        }
        return Classification.valueOf(caller.clearance().name());
    }

    public boolean canSee(Classification c, String provider, String recipient) {
        if (c == Classification.PUBLIC) {
            return true;
        }
        String partner = partner().orElse(null);
        return partner != null && (partner.equals(provider) || partner.equals(recipient))
                && clearance().ordinal() >= c.ordinal();
    }

    /** A visible-programmes SQL condition on the programme table aliased {@code alias}; appends its parameters. */
    public String sql(String alias, List<Object> params) {
        String partner = partner().orElse(null);
        Classification clearance = clearance();
        if (partner == null || clearance == Classification.PUBLIC) {
            return "(" + alias + ".classification = 'PUBLIC')";
        }
        List<String> levels = new ArrayList<>();
        for (Classification c : Classification.values()) {
            if (c != Classification.PUBLIC && c.ordinal() <= clearance.ordinal()) {
                levels.add("'" + c.name() + "'");
            }
        }
        params.add(partner);
        params.add(partner);
        return "(" + alias + ".classification = 'PUBLIC' or (" + alias + ".classification in (" + String.join(",", levels)
                + ") and (" + alias + ".provider_country = ? or " + alias + ".recipient_country = ?)))";
    }

    /** Throws 404 (not 403: the caller must not learn that it exists) when the caller may not see the programme. */
    public void requireVisible(Classification c, String provider, String recipient, Object id) {
        if (!canSee(c, provider, recipient)) {
            throw ProblemException.notFound("programme", id);
        }
    }

    /**
     * Changing a programme (or its money and indicators): an admin, or an editor whose partner country is the
     * programme's provider or recipient (403 otherwise). Background work passes.
     */
    public void requireEditorOf(String provider, String recipient) {
        if (background || caller.isAdmin()) {
            return;
        }
        String partner = partner().orElse(null);
        if (!caller.hasRole(Roles.EDITOR) || partner == null || !(partner.equals(provider) || partner.equals(recipient))) {
            throw new ProblemException(403, "forbidden", "Forbidden", "changing a programme needs the editor role and "
                    + "a partner country that is its provider (" + provider + ") or recipient (" + recipient + ")",
                    List.of(new Problem.FieldError("partner", "not " + provider + " or " + recipient)));
        }
    }

    /** Recording an incident: an editor (of any partner country) or an admin. */
    public void requireRecorder() {
        if (!background && !caller.hasRole(Roles.EDITOR)) {
            throw new ProblemException(403, "forbidden", "Forbidden", "recording an incident needs the editor role", null);
        }
    }

    /** Filing an indicator report: a monitor (of a programme it may see), or whoever may change the programme. */
    public void requireReporterOf(String provider, String recipient) {
        if (background || caller.hasRole(Roles.MONITOR)) {
            return;
        }
        requireEditorOf(provider, recipient);
    }
}
