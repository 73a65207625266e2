package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.TestTokens;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.BadInputWalker;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every operation of the published OpenAPI document, sent every class of hostile input: no 5xx, every error
 * a problem+json, and nothing stored changes when a request is refused.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class BadInputTest extends SignedInAsAdmin {


    @TestHTTPResource("/")
    URL base;

    @Inject
    TestDb db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void noOperationAnswersHostileInputWithA5xxOrANonProblemOrAChange() throws Exception {
        Commodities.seed(bootstrap, db);
        String agreement = given().contentType(ContentType.JSON)
                .body(AgreementLifecycleTest.full(AgreementLifecycleTest.ref(), "Hostile input"))
                .post("/api/v1/agreements").then().statusCode(201).extract().path("id");
        String project = given().contentType(ContentType.JSON).body(ProjectsAndObligationsTest.GRAND_INGA)
                .post("/api/v1/agreements/" + agreement + "/projects").then().statusCode(201).extract().path("id");
        String obligation = given().contentType(ContentType.JSON)
                .body("{\"type\": \"IMPACT_ASSESSMENT\", \"description\": \"ESIA\", \"responsibleParty\": \"CD\", \"dueDate\": \"2026-06-30\"}")
                .post("/api/v1/agreements/" + agreement + "/obligations").then().statusCode(201).extract().path("id");

        BadInputWalker walker = BadInputWalker.at(base.toString())
                .pathValue("id", agreement).pathValue("agreementId", agreement)
                .pathValue("projectId", project).pathValue("obligationId", obligation).pathValue("country", "CD")
                .header("Authorization", "Bearer " + TestTokens.admin())
                .fingerprint(db::fingerprint);
        List<BadInputWalker.Violation> violations = walker.walk();
        assertTrue(violations.isEmpty(), violations.size() + " of " + walker.requests() + " requests broke the rules:\n"
                + violations.stream().map(Object::toString).collect(Collectors.joining("\n")));
    }
}
