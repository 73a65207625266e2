package org.mfs.gateway.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes Swagger UI's Authorize log in at the OpenID Connect provider: in the merged document, the services' static
 * {@code bearer} scheme becomes an OAuth 2.0 authorization-code scheme at the issuer (Swagger UI uses PKCE and the
 * public client {@code mfs-dashboard}, see application.properties). The endpoints default to Keycloak's paths under
 * the issuer; {@code mfs.gateway.openapi.login.authorization-url} and {@code token-url} name another provider's.
 */
@ApplicationScoped
public class OpenApiLogin {

    static final String SCHEME = "bearer";

    private final String issuer;
    private final Optional<String> authorizationUrl;
    private final Optional<String> tokenUrl;

    OpenApiLogin(@ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuer,
            @ConfigProperty(name = "mfs.gateway.openapi.login.authorization-url") Optional<String> authorizationUrl,
            @ConfigProperty(name = "mfs.gateway.openapi.login.token-url") Optional<String> tokenUrl) {
        this.issuer = issuer.map(i -> i.endsWith("/") ? i.substring(0, i.length() - 1) : i).orElse(null);
        this.authorizationUrl = authorizationUrl;
        this.tokenUrl = tokenUrl;
    }

    /** Rewrites the {@code bearer} scheme of {@code doc} in place; returns {@code doc}. */
    public ObjectNode apply(ObjectNode doc) {
        JsonNode schemes = doc.path("components").path("securitySchemes");
        if (issuer == null || !(schemes instanceof ObjectNode section) || !section.has(SCHEME)) {
            return doc;
        }
        ObjectNode scheme = section.putObject(SCHEME);
        scheme.put("type", "oauth2");
        scheme.put("description", "Log in at the suite's OpenID Connect provider (" + issuer + "); "
                + "the access token is sent as Authorization: Bearer. docs/security.md");
        ObjectNode code = scheme.putObject("flows").putObject("authorizationCode");
        code.put("authorizationUrl", authorizationUrl.orElse(issuer + "/protocol/openid-connect/auth"));
        code.put("tokenUrl", tokenUrl.orElse(issuer + "/protocol/openid-connect/token"));
        code.putObject("scopes").put("openid", "OpenID Connect sign-in");
        return doc;
    }
}
