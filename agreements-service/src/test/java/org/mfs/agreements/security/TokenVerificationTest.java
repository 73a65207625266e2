package org.mfs.agreements.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.infra.TestTokens;
import org.mfs.platform.infra.TestTokens.Builder;
import org.mfs.platform.security.Clearance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every token that must not be accepted gets 401 problem+json with a Bearer challenge, on reads and writes; health,
 * OpenAPI and Swagger UI stay open.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class TokenVerificationTest {

    static Builder editor() {
        return TestTokens.user("drc-editor").partner("CD").clearance(Clearance.RESTRICTED).roles("editor");
    }

    static Stream<Arguments> rejectedTokens() {
        return Stream.of(
                Arguments.of("expired", editor().expired().sign()),
                Arguments.of("not yet valid", editor().notYetValid().sign()),
                Arguments.of("wrong issuer", editor().issuer("https://evil.example/realms/mfs").sign()),
                Arguments.of("wrong audience", editor().audience("another-api").sign()),
                Arguments.of("signed with an unknown key", editor().signedWithUnknownKey().sign()),
                Arguments.of("alg none", TestTokens.user("drc-editor").roles("admin").unsigned()),
                Arguments.of("payload swapped after signing", editor().withPayloadOf(TestTokens.user("drc-editor").roles("admin"))),
                Arguments.of("not a JWT", "not-a-token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedTokens")
    void rejectedTokenGets401Problem(String name, String token) {
        given().auth().oauth2(token).get("/api/v1/agreements")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("type", equalTo("urn:mfs:problem:unauthorized"))
                .body("status", equalTo(401));
        given().auth().oauth2(token).contentType("application/json").body("{}").post("/api/v1/agreements")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aTokenVerifiedBeforeIsRefusedOnceItHasExpired() throws InterruptedException {
        // JWT expiry has one-second resolution: 3 s leaves at least 2 s of validity for the calls below
        String token = editor().expiresIn(java.time.Duration.ofSeconds(3)).sign();
        given().auth().oauth2(token).get("/api/v1/agreements").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/agreements").then().statusCode(200); // the remembered verification
        Thread.sleep(4000);
        given().auth().oauth2(token).get("/api/v1/agreements")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
    }

    @Test
    void aTokenVerifiedBeforeDoesNotVouchForATamperedCopy() {
        String token = editor().sign();
        given().auth().oauth2(token).get("/api/v1/agreements").then().statusCode(200);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + TestTokens.user("drc-editor").roles("admin").sign().split("\\.")[1] + "." + parts[2];
        given().auth().oauth2(forged).get("/api/v1/agreements").then().statusCode(401);
        given().auth().oauth2(token.substring(0, token.length() - 2)).get("/api/v1/agreements").then().statusCode(401);
    }

    @Test
    void missingTokenGets401ProblemWithChallenge() {
        given().get("/api/v1/agreements")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:mfs:problem:unauthorized"))
                .body("detail", containsString("bearer token"));
        given().get("/api/v1/agreements/00000000-0000-0000-0000-000000000000/history").then().statusCode(401);
    }

    @Test
    void credentialsOfAnotherSchemeAreNamedNotCalledARejectedToken() {
        // a Basic header was answered "the bearer token was rejected … get a new one", error="invalid_token"
        given().header("Authorization", "Basic ZHJjLWVkaXRvcjpkcmMtZWRpdG9y").get("/api/v1/agreements")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"mfs\""))
                .body("detail", startsWith("the Authorization header uses the 'Basic' scheme, which this API does not accept"));
        given().header("Authorization", "Bearer").get("/api/v1/agreements")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"mfs\", error=\"invalid_request\""))
                .body("detail", startsWith("the Authorization header holds no token after 'Bearer'"));
    }

    @Test
    void validTokenIsAccepted() {
        given().auth().oauth2(editor().sign()).get("/api/v1/agreements").then().statusCode(200);
    }

    @Test
    void healthOpenApiAndSwaggerUiStayOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
