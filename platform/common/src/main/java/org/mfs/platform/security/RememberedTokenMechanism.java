package org.mfs.platform.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Asked before quarkus-oidc's bearer mechanism: a request whose bearer token was fully verified before
 * ({@link VerifiedTokens}) gets that token's identity at once, with no parsing of the token, no identity provider
 * and no augmentor (the identity kept is the augmented one). Any other request, with or without a token, gets
 * nothing here and quarkus-oidc verifies it as always ({@link RememberVerifiedTokens} then keeps the result), so
 * every refusal and its challenge still come from quarkus-oidc.
 */
@ApplicationScoped
public class RememberedTokenMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    private final VerifiedTokens tokens;

    public RememberedTokenMechanism(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Optional<SecurityIdentity> remembered = bearerToken(context).flatMap(tokens::find);
        if (remembered.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        // bound to this request's routing context under both names quarkus binds it with (never the remembered one's)
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(remembered.get())
                .addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, context)
                .addAttribute(RoutingContext.class.getName(), context).build());
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme in any case, RFC 7235). */
    static Optional<String> bearerToken(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).strip());
    }

    /** No challenge of its own: quarkus-oidc's (and the suite's problem+json 401) answer for a missing or bad token. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    /** Before quarkus-oidc's mechanism ({@code DEFAULT_PRIORITY + 1}). */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
