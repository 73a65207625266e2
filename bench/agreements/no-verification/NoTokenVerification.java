package org.mfs.bench;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Benchmark baseline only, never part of the product: bench/agreements/token-cost.sh copies this file into a
 * temporary copy of agreements-service to build "the same service without token verification". The first request
 * with a token is verified as usual and its identity kept; from then on every request that carries any
 * Authorization header gets that identity without its token being looked at, so everything after authentication
 * (roles, visibility, the resource) runs exactly as in the product.
 */
public class NoTokenVerification {

    static volatile SecurityIdentity first;

    @ApplicationScoped
    public static class TrustAnyToken implements HttpAuthenticationMechanism {

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
            SecurityIdentity identity = first;
            if (identity == null || context.request().getHeader("Authorization") == null) {
                return Uni.createFrom().nullItem();
            }
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                    .addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, context)
                    .addAttribute(RoutingContext.class.getName(), context).build());
        }

        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext context) {
            return Uni.createFrom().nullItem();
        }

        @Override
        public int getPriority() {
            return DEFAULT_PRIORITY + 1000;
        }
    }

    @ApplicationScoped
    public static class KeepFirstIdentity implements SecurityIdentityAugmentor {

        @Override
        public int priority() {
            return Integer.MIN_VALUE;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            if (first == null && !identity.isAnonymous()) {
                first = identity;
            }
            return Uni.createFrom().item(identity);
        }
    }
}
