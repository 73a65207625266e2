package org.mfs.security;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.mfs.platform.infra.OpenApiSnapshot;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The committed OpenAPI document is the one the service serves. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "security_cooperation"))
class OpenApiDocumentTest {

    @BeforeEach
    void signIn() {
        // the API needs a bearer token; these tests are about other rules, so they act as an administrator
        TestTokens.useForEveryRequest(TestTokens.admin());
    }

    @AfterEach
    void signOut() {
        TestTokens.clearDefault();
    }

    @Test
    void servedDocumentMatchesTheCommittedSnapshot() {
        OpenApiSnapshot.assertMatches(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }
}
