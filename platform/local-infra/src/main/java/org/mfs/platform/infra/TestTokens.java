package org.mfs.platform.infra;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.mfs.platform.security.Clearance;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Bearer tokens for tests, signed with a test-only RSA key pair generated when the test JVM first needs it (never
 * a key of a real environment). {@link RealInfraTestResource} and {@link TestOidcResource} configure the service
 * under test to verify exactly these tokens: issuer {@value #ISSUER}, audience {@value #AUDIENCE}, this public key.
 *
 * <pre>
 * String token = TestTokens.user("drc-editor").partner("CD").clearance(Clearance.RESTRICTED).roles("editor").sign();
 * given().auth().oauth2(token).get("/api/v1/agreements");
 * </pre>
 *
 * The key pair is kept in system properties so the test resource and the tests share it even when Quarkus loads
 * this class in more than one class loader.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test.mfs.invalid/realms/mfs";
    public static final String AUDIENCE = "mfs-api";
    private static final String PRIVATE_PROPERTY = "mfs.test.oidc.private-key";
    private static final String PUBLIC_PROPERTY = "mfs.test.oidc.public-key";

    private TestTokens() {
    }

    /** A token for {@code username} (subject: a UUID derived from it, as Keycloak gives users UUID subjects). */
    public static Builder user(String username) {
        return new Builder(username);
    }

    /** A valid admin token (user {@code test-admin}), for tests about something other than access rules. */
    public static String admin() {
        return user("test-admin").roles("admin").sign();
    }

    /** The subject {@link #user(String)} gives {@code username}. */
    public static String subjectOf(String username) {
        return UUID.nameUUIDFromBytes(("mfs-test-user:" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The actor a service records for {@code username}'s changes: {@code username (subject)}. */
    public static String actorOf(String username) {
        return username + " (" + subjectOf(username) + ")";
    }

    /**
     * Sends {@code token} with every REST Assured request of this test until {@link #clearDefault()}; a request's own
     * {@code .auth().oauth2(other)} or {@code .auth().none()} replaces it.
     */
    public static void useForEveryRequest(String token) {
        RestAssured.requestSpecification = new RequestSpecBuilder().setAuth(RestAssured.oauth2(token)).build();
    }

    /** Stops sending a default token. */
    public static void clearDefault() {
        RestAssured.requestSpecification = null;
    }

    /** The configuration a service under test needs to verify these tokens (no provider is contacted). */
    public static Map<String, String> verifierConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        // no issuer to discover: the public key verifies locally (an empty value unsets the service's default)
        config.put("quarkus.oidc.auth-server-url", "");
        config.put("quarkus.oidc.public-key", publicKeyBase64());
        config.put("quarkus.oidc.token.issuer", ISSUER);
        config.put("quarkus.oidc.token.audience", AUDIENCE);
        return config;
    }

    /** The test public key, X.509 SubjectPublicKeyInfo, base64 (the form {@code quarkus.oidc.public-key} reads). */
    public static String publicKeyBase64() {
        keys();
        return System.getProperty(PUBLIC_PROPERTY);
    }

    private static PrivateKey privateKey() {
        keys();
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(PRIVATE_PROPERTY));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PublicKey publicKey() {
        try {
            byte[] der = Base64.getDecoder().decode(publicKeyBase64());
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keys() {
        synchronized (System.getProperties()) {
            if (System.getProperty(PRIVATE_PROPERTY) == null) {
                KeyPair pair = generate();
                System.setProperty(PRIVATE_PROPERTY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
                System.setProperty(PUBLIC_PROPERTY, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            }
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token being described; {@link #sign()} gives the compact JWT. Defaults: valid for an hour from now (long test runs on busy machines). */
    public static final class Builder {

        private final String username;
        private String subject;
        private String partner;
        private String clearance;
        private List<String> roles = List.of();
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private Instant issuedAt = Instant.now();
        private Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
        private Instant notBefore;
        private boolean otherKey;

        private Builder(String username) {
            this.username = username;
            this.subject = subjectOf(username);
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** The {@code partner} claim (an ISO 3166-1 alpha-2 code, or anything, to test bad values). */
        public Builder partner(String partner) {
            this.partner = partner;
            return this;
        }

        public Builder clearance(Clearance clearance) {
            this.clearance = clearance.name();
            return this;
        }

        /** The {@code clearance} claim as given (to test unknown values). */
        public Builder clearance(String clearance) {
            this.clearance = clearance;
            return this;
        }

        /**
         * The {@code clearance} claim as given, for test code without platform-runtime on its classpath (the gateway's),
         * where the overloaded {@link #clearance(String)} cannot be resolved.
         */
        public Builder clearanceClaim(String clearance) {
            this.clearance = clearance;
            return this;
        }

        /** Realm roles, carried as Keycloak does: {@code realm_access.roles}. */
        public Builder roles(String... roles) {
            this.roles = List.of(roles);
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /** Expired an hour ago (issued two hours ago). */
        public Builder expired() {
            this.issuedAt = Instant.now().minus(Duration.ofHours(2));
            this.expiresAt = Instant.now().minus(Duration.ofHours(1));
            return this;
        }

        /** Expires {@code lifetime} from now. */
        public Builder expiresIn(Duration lifetime) {
            this.expiresAt = Instant.now().plus(lifetime);
            return this;
        }

        /** {@code nbf} an hour from now. */
        public Builder notYetValid() {
            this.notBefore = Instant.now().plus(Duration.ofHours(1));
            this.expiresAt = Instant.now().plus(Duration.ofHours(2));
            return this;
        }

        /** Signed with a freshly generated key the service does not know. */
        public Builder signedWithUnknownKey() {
            this.otherKey = true;
            return this;
        }

        /** The compact JWT (RS256). */
        public String sign() {
            JwtClaimsBuilder claims = claims();
            return otherKey ? claims.jws().keyId("unknown").sign(generate().getPrivate())
                    : claims.jws().keyId("mfs-test").sign(privateKey());
        }

        /** The same claims with {@code alg: none} and no signature. */
        public String unsigned() {
            String[] parts = sign().split("\\.");
            String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
            return header + "." + parts[1] + ".";
        }

        /**
         * A correctly signed token whose payload is then replaced by {@code forged}'s (for instance more roles),
         * keeping the original signature.
         */
        public String withPayloadOf(Builder forged) {
            String[] parts = sign().split("\\.");
            String[] other = forged.sign().split("\\.");
            return parts[0] + "." + other[1] + "." + parts[2];
        }

        private JwtClaimsBuilder claims() {
            JwtClaimsBuilder b = Jwt.claims()
                    .issuer(issuer)
                    .subject(subject)
                    .audience(audience)
                    .issuedAt(issuedAt)
                    .expiresAt(expiresAt)
                    .claim("preferred_username", username)
                    .claim("typ", "Bearer")
                    .claim("realm_access", Map.of("roles", roles));
            if (notBefore != null) {
                b.claim("nbf", notBefore.getEpochSecond());
            }
            if (partner != null) {
                b.claim("partner", partner);
            }
            if (clearance != null) {
                b.claim("clearance", clearance);
            }
            return b;
        }

        private static String b64(String json) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
