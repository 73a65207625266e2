package org.mfs.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Bearer tokens quarkus-oidc has fully verified (signature, issuer, audience, expiry), with the identity they gave,
 * until the token expires and at most {@code mfs.security.verified-tokens.max-age} (5 minutes). A dashboard sends the
 * same access token with every call for its lifetime; remembering the verification spares parsing it twice and
 * checking its RS256 signature on every request, the largest share of the cost of identity per request (ADR 0006).
 * <p>
 * The key is the whole token: any other string, however close (a swapped payload, another signature), is verified
 * from scratch. What this gives up: a signing key withdrawn from the issuer's JWKS stops being trusted for tokens
 * already seen only when they leave the cache (at most max-age later). Tokens are not revocable before their expiry
 * in any case once verified locally.
 */
@ApplicationScoped
public class VerifiedTokens {

    private final Duration maxAge;
    private final Cache<String, Entry> cache;

    record Entry(SecurityIdentity identity, Instant expires) {
    }

    public VerifiedTokens(@ConfigProperty(name = "mfs.security.verified-tokens.max-age") Duration maxAge,
            @ConfigProperty(name = "mfs.security.verified-tokens.max-size") long maxSize) {
        this.maxAge = maxAge;
        this.cache = Caffeine.newBuilder().maximumSize(Math.max(1, maxSize)).expireAfter(new Expiry<String, Entry>() {
            @Override
            public long expireAfterCreate(String key, Entry value, long currentTime) {
                return Math.max(0, Duration.between(Instant.now(), value.expires()).toNanos());
            }

            @Override
            public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
                return currentDuration;
            }

            @Override
            public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    boolean enabled() {
        return !maxAge.isZero() && !maxAge.isNegative();
    }

    /** The identity {@code token} gave when it was verified, while the token is still valid. */
    Optional<SecurityIdentity> find(String token) {
        if (!enabled()) {
            return Optional.empty();
        }
        Entry e = cache.getIfPresent(token);
        if (e == null) {
            return Optional.empty();
        }
        if (!Instant.now().isBefore(e.expires())) {
            cache.invalidate(token);
            return Optional.empty();
        }
        return Optional.of(e.identity());
    }

    /** Remembers a verified identity under its token, until the token's {@code exp} (at most max-age from now). */
    void remember(String token, SecurityIdentity identity) {
        if (!enabled() || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        Instant cap = Instant.now().plus(maxAge);
        Instant exp = Instant.ofEpochSecond(jwt.getExpirationTime());
        Instant expires = exp.isBefore(cap) ? exp : cap;
        if (Instant.now().isBefore(expires)) {
            cache.asMap().putIfAbsent(token, new Entry(identity, expires));
        }
    }
}
