package org.mfs.platform.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Asked before quarkus-oidc's own provider: answers with the identity of a token verified before
 * ({@link VerifiedTokens}), else with nothing, and quarkus-oidc verifies the token as always
 * ({@link RememberVerifiedTokens} then keeps the result).
 */
@ApplicationScoped
public class VerifiedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final VerifiedTokens tokens;

    public VerifiedTokenIdentityProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return tokens.find(request.getToken().getToken())
                .map(identity -> Uni.createFrom().item(forThisRequest(identity, HttpSecurityUtils.getRoutingContextAttribute(request))))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    /** The remembered identity, bound to this request's routing context as quarkus-oidc binds the identities it makes. */
    private static SecurityIdentity forThisRequest(SecurityIdentity remembered, RoutingContext rc) {
        if (rc == null) {
            return remembered;
        }
        return QuarkusSecurityIdentity.builder(remembered).addAttribute(RoutingContext.class.getName(), rc).build();
    }
}
