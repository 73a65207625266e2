package org.mfs.platform.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/** The last augmentor: keeps each identity a bearer token gave, roles implied included, in {@link VerifiedTokens}. */
@ApplicationScoped
public class RememberVerifiedTokens implements SecurityIdentityAugmentor {

    private final VerifiedTokens tokens;

    public RememberVerifiedTokens(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous()) {
            TokenCredential token = identity.getCredential(TokenCredential.class);
            if (token != null && token.getToken() != null) {
                tokens.remember(token.getToken(), identity);
            }
        }
        return Uni.createFrom().item(identity);
    }
}
