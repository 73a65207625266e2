package org.mfs.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Swagger UI's Authorize: the merged document's bearer scheme becomes an authorization-code login at the issuer. */
class OpenApiLoginTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode merged() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"paths": {"/api/v1/agreements": {"get": {"security": [{"bearer": []}]}}},
                 "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}}}
                """);
    }

    @Test
    void theBearerSchemeLogsInAtTheIssuerWithKeycloaksEndpointsByDefault() throws Exception {
        ObjectNode doc = new OpenApiLogin(Optional.of("http://localhost:8180/realms/mfs/"), Optional.empty(), Optional.empty())
                .apply(merged());
        ObjectNode scheme = (ObjectNode) doc.at("/components/securitySchemes/bearer");
        assertEquals("oauth2", scheme.path("type").asText());
        assertEquals("http://localhost:8180/realms/mfs/protocol/openid-connect/auth",
                scheme.at("/flows/authorizationCode/authorizationUrl").asText());
        assertEquals("http://localhost:8180/realms/mfs/protocol/openid-connect/token",
                scheme.at("/flows/authorizationCode/tokenUrl").asText());
        assertEquals("bearer", doc.at("/paths/~1api~1v1~1agreements/get/security/0").fieldNames().next(),
                "operations keep naming the scheme, so the token Swagger UI gets is sent with them");
    }

    @Test
    void anotherProvidersEndpointsCanBeNamed() throws Exception {
        ObjectNode doc = new OpenApiLogin(Optional.of("https://login.example/tenant/v2.0"),
                Optional.of("https://login.example/tenant/oauth2/v2.0/authorize"),
                Optional.of("https://login.example/tenant/oauth2/v2.0/token")).apply(merged());
        assertEquals("https://login.example/tenant/oauth2/v2.0/authorize",
                doc.at("/components/securitySchemes/bearer/flows/authorizationCode/authorizationUrl").asText());
    }

    @Test
    void withoutAnIssuerTheDocumentIsUnchanged() throws Exception {
        assertEquals(merged(), new OpenApiLogin(Optional.empty(), Optional.empty(), Optional.empty()).apply(merged()));
    }
}
