package org.mfs.security.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.mfs.platform.problem.ProblemException;
import org.mfs.security.Classification;

import io.quarkus.arc.Arc;

/**
 * Who is asking, as far as classification is concerned: the caller's partner country and clearance. A RESTRICTED or
 * CONFIDENTIAL programme is visible only to a caller whose partner country is its provider or recipient and whose
 * clearance is at least its classification; everything that could reveal it (lists, counts, totals, aggregates,
 * history, events' details) goes through {@link #canSee} or {@link #sql}.
 */
@RequestScoped
public class Audience {

    public static final String SYSTEM = "system";

    private String actor = "anonymous";
    private String partner;
    private Classification clearance = Classification.PUBLIC;

    public String actor() {
        return actor;
    }

    public Optional<String> partner() {
        return Optional.ofNullable(partner);
    }

    public Classification clearance() {
        return clearance;
    }

    public void set(String actor, String partner, Classification clearance) {
        this.actor = actor;
        this.partner = partner;
        this.clearance = clearance == null ? Classification.PUBLIC : clearance;
    }

    public boolean canSee(Classification c, String provider, String recipient) {
        if (c == Classification.PUBLIC) {
            return true;
        }
        return partner != null && (partner.equals(provider) || partner.equals(recipient))
                && clearance.ordinal() >= c.ordinal();
    }

    /** A visible-programmes SQL condition on the programme table aliased {@code alias}; appends its parameters. */
    public String sql(String alias, List<Object> params) {
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

    /** The actor of the current request, or {@value #SYSTEM} outside one. */
    public static String currentActor() {
        if (Arc.container() == null || !Arc.container().requestContext().isActive()) {
            return SYSTEM;
        }
        return Arc.container().instance(Audience.class).get().actor();
    }
}
