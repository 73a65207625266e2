package org.mfs.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mfs.platform.infra.TestOidcResource;
import org.mfs.platform.infra.TestTokens;
import org.mfs.platform.infra.TestTokens.Builder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The gateway verifies the bearer token before forwarding anything under /api (the services verify it again) and
 * forwards a valid one unchanged; a request it refuses never reaches a service.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamStubs.class)
@QuarkusTestResource(TestOidcResource.class)
class GatewayTokenTest {

    static Builder viewer() {
        return TestTokens.user("third-viewer").partner("FR").roles("viewer");
    }

    static Stream<Arguments> rejectedTokens() {
        return Stream.of(
                Arguments.of("expired", viewer().expired().sign()),
                Arguments.of("not yet valid", viewer().notYetValid().sign()),
                Arguments.of("wrong issuer", viewer().issuer("https://evil.example/realms/mfs").sign()),
                Arguments.of("wrong audience", viewer().audience("another-api").sign()),
                Arguments.of("signed with an unknown key", viewer().signedWithUnknownKey().sign()),
                Arguments.of("alg none", TestTokens.user("x").roles("admin").unsigned()),
                Arguments.of("payload swapped after signing", viewer().withPayloadOf(TestTokens.user("x").roles("admin"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedTokens")
    void rejectedTokenIsNotForwarded(String name, String token) {
        given().auth().oauth2(token).header("X-Stub-Status", "299").get("/api/v1/agreements")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("type", equalTo("urn:mfs:problem:unauthorized"))
                .body("service", nullValue());
    }

    @Test
    void missingTokenIs401ProblemWithChallenge() {
        given().get("/api/v1/minerals/commodities")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:mfs:problem:unauthorized"))
                .body("instance", equalTo("/api/v1/minerals/commodities"));
    }

    @Test
    void credentialsOfAnotherSchemeAreNamedAndNotForwarded() {
        given().header("Authorization", "Basic ZHJjLWVkaXRvcjpkcmMtZWRpdG9y").header("X-Stub-Status", "299")
                .get("/api/v1/agreements")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"mfs\""))
                .body("detail", startsWith("the Authorization header uses the 'Basic' scheme, which this API does not accept"))
                .body("service", nullValue());
        given().header("Authorization", "Bearer ").get("/api/v1/agreements")
                .then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"mfs\", error=\"invalid_request\""));
    }

    @Test
    void validTokenIsForwardedUnchanged() {
        String token = viewer().sign();
        given().auth().oauth2(token).get("/api/v1/agreements/a-1")
                .then().statusCode(200)
                .body("service", equalTo("agreements-service"))
                .body("headers.authorization", equalTo("Bearer " + token));
    }

    @Test
    void healthOpenApiAndSwaggerUiStayOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
