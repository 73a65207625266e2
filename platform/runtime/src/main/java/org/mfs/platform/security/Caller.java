package org.mfs.platform.security;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.mfs.platform.validation.CountryCode;

import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.ArcContainer;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, from the verified bearer token (quarkus-oidc): subject, username, partner country, clearance
 * and realm roles. Inject it into resources and services; use {@link #current()} or {@link #currentActor()} from
 * code that may also run outside a request.
 * <p>
 * Outside an HTTP request (scheduled jobs, Kafka consumers, loaders) there is no token: the caller is the
 * system, its actor {@value #SYSTEM} or {@code system:<name>} after {@link #actAs(String)}.
 */
@RequestScoped
@Unremovable
public class Caller {

    /** The actor of changes made by the service itself. */
    public static final String SYSTEM = "system";
    static final int MAX_ACTOR_LENGTH = 200;

    private final SecurityIdentity identity;
    private String backgroundName;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Whether a verified token identifies the caller. */
    public boolean authenticated() {
        return identity != null && !identity.isAnonymous() && token().isPresent();
    }

    /** The token's {@code sub}; {@value #SYSTEM} without a token. */
    public String subject() {
        return token().map(JsonWebToken::getSubject).filter(s -> !s.isBlank()).orElse(SYSTEM);
    }

    /** The token's {@code preferred_username}, else the subject. */
    public String username() {
        return token().map(t -> t.<Object>getClaim("preferred_username")).map(Object::toString)
                .filter(s -> !s.isBlank()).orElseGet(this::subject);
    }

    /** The caller's partner country (ISO 3166-1 alpha-2, upper case) from the {@code partner} claim, if valid. */
    public Optional<String> partner() {
        return token().map(t -> t.<Object>getClaim("partner")).map(Object::toString)
                .map(s -> s.strip().toUpperCase(Locale.ROOT)).filter(CountryCode.Validator::isCountry);
    }

    /** The {@code clearance} claim; {@link Clearance#PUBLIC} when absent or unknown. */
    public Clearance clearance() {
        return Clearance.fromClaim(token().map(t -> t.<Object>getClaim("clearance")).orElse(null));
    }

    /** Whether the caller holds {@code role} (realm roles with their implications, see {@link Roles}). */
    public boolean hasRole(String role) {
        return authenticated() && identity.hasRole(role);
    }

    public boolean isAdmin() {
        return hasRole(Roles.ADMIN);
    }

    /** Whether the caller's partner country is {@code country} (admins are not thereby any country). */
    public boolean isPartner(String country) {
        return country != null && partner().map(country::equals).orElse(false);
    }

    /**
     * What history entries and events record as the actor: {@code <username> (<subject>)}, or just the subject when
     * the token has no distinct username; the system's name without a token. Capped at 200 characters.
     */
    public String actor() {
        if (!authenticated()) {
            return backgroundName == null ? SYSTEM : SYSTEM + ":" + backgroundName;
        }
        String subject = subject();
        String username = username();
        String actor = username.equals(subject) ? subject : username + " (" + subject + ")";
        return actor.length() > MAX_ACTOR_LENGTH ? actor.substring(0, MAX_ACTOR_LENGTH) : actor;
    }

    /**
     * Names background work done in this request context (for instance {@code demo-loader}, recorded as
     * {@code system:demo-loader}). Refused when a token identifies the caller: a user cannot act as someone else.
     */
    public void actAs(String name) {
        if (authenticated()) {
            throw new IllegalStateException("a request with a verified token acts as its subject");
        }
        this.backgroundName = name;
    }

    /** The current caller, or empty outside an active request context. */
    public static Optional<Caller> current() {
        ArcContainer arc = Arc.container();
        if (arc == null || !arc.requestContext().isActive()) {
            return Optional.empty();
        }
        return Optional.of(arc.instance(Caller.class).get());
    }

    /** {@link #actor()} of the current caller; {@value #SYSTEM} outside a request context. */
    public static String currentActor() {
        return current().map(Caller::actor).orElse(SYSTEM);
    }

    private Optional<JsonWebToken> token() {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        return identity.getPrincipal() instanceof JsonWebToken jwt ? Optional.of(jwt) : Optional.empty();
    }
}
