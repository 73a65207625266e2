package org.mfs.security;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mfs.security.Api.BASE;
import static org.mfs.security.Api.PROGRAMMES;
import static org.mfs.security.Api.editor;

import java.net.URL;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.BadInputWalker;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of the published OpenAPI document, sent every class of hostile input: no 5xx, every error a
 * problem+json, and nothing stored changes when a request is refused.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "security_cooperation"))
class BadInputTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestDb db;

    @Test
    void noOperationAnswersHostileInputWithA5xxOrANonProblemOrAChange() throws Exception {
        String programme = Api.create(Api.programme("Hostile input", "PUBLIC"));
        Api.activate(programme);
        String budget = editor().body(Api.budget(2026, "1000.00", "USD")).post(PROGRAMMES + "/" + programme + "/budgets")
                .then().statusCode(201).extract().path("id");
        String indicator = editor().body("{\"name\": \"Seized\", \"unit\": \"kg\", \"baseline\": 0, \"target\": 10, \"direction\": \"INCREASE\"}")
                .post(PROGRAMMES + "/" + programme + "/indicators").then().statusCode(201).extract().path("id");
        String incident = editor().body(IncidentTest.incident("2026-01-05", "CD", "Ituri", "ILLEGAL_MINING", ""))
                .post(BASE + "/incidents").then().statusCode(201).extract().path("id");

        BadInputWalker walker = BadInputWalker.at(base.toString()).header("Authorization", "Bearer " + Api.EDITOR_TOKEN)
                .pathValue("id", programme).pathValue("budgetId", budget).pathValue("indicatorId", indicator)
                .pathValue("incidentId", incident).fingerprint(db::fingerprint);
        List<BadInputWalker.Violation> violations = walker.walk();
        assertTrue(violations.isEmpty(), violations.size() + " of " + walker.requests() + " requests broke the rules:\n"
                + violations.stream().map(Object::toString).collect(Collectors.joining("\n")));
    }
}
