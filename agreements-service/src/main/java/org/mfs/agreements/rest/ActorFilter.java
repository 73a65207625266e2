package org.mfs.agreements.rest;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.mfs.agreements.service.Actor;

/** Takes the acting user from {@code X-Actor} (trimmed, at most 200 characters) until authentication exists. */
public class ActorFilter {

    private final Actor actor;

    public ActorFilter(Actor actor) {
        this.actor = actor;
    }

    @ServerRequestFilter
    public void actor(ContainerRequestContext ctx) {
        String h = ctx.getHeaderString(Actor.HEADER);
        if (h != null && !h.isBlank()) {
            String v = h.strip();
            actor.set(v.length() > 200 ? v.substring(0, 200) : v);
        }
    }
}
