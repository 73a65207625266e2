package org.mfs.agreements.service;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.arc.Arc;

/**
 * Who is making the current change, for the history. Until the suite has authentication it is taken from the
 * {@code X-Actor} request header (see docs/adr/0201-agreements-history-and-actor.md); scheduled jobs act as
 * {@code system}.
 */
@RequestScoped
public class Actor {

    public static final String HEADER = "X-Actor";
    public static final String ANONYMOUS = "anonymous";
    public static final String SYSTEM = "system";

    private String name = ANONYMOUS;

    public String name() {
        return name;
    }

    public void set(String name) {
        this.name = name;
    }

    /** The current actor, or {@value #SYSTEM} outside a request. */
    public static String current() {
        if (Arc.container() == null || !Arc.container().requestContext().isActive()) {
            return SYSTEM;
        }
        return Arc.container().instance(Actor.class).get().name();
    }
}
