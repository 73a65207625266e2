package org.mfs.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "security_cooperation"))
class ServiceSkeletonTest {

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
    void isReadyWithItsDatabaseAndOutbox() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("outbox"));
    }

    @Test
    void servesItsOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/security-cooperation/programmes'.get.operationId", equalTo("listSecurityProgrammes"));
    }

    @Test
    void listsProgrammesFromItsDatabase() {
        given().get("/api/v1/security-cooperation/programmes").then().statusCode(200)
                .body("total", notNullValue()).body("size", equalTo(20));
        given().queryParam("size", 0).get("/api/v1/security-cooperation/programmes").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
