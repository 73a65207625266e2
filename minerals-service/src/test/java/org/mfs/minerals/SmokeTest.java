package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals"))
class SmokeTest {

    @Test
    void cobaltIsSeeded() {
        given().get("/api/v1/minerals/commodities/cobalt").then().statusCode(200).body("symbol", equalTo("Co"));
    }
}
