package org.mfs.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mfs.security.Api.PROGRAMMES;
import static org.mfs.security.Api.editor;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Indicators with baseline, target and direction; reports with sources; progress against target. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "security_cooperation"))
class IndicatorTest {

    @Inject
    TestDb db;

    static String report(String periodEnd, String value) {
        return """
                {"periodEnd": "%s", "value": %s, "source": {"title": "Quarterly monitoring report", "reference": "MR-%s"}}
                """.formatted(periodEnd, value, periodEnd);
    }

    @Test
    void progressAgainstTargetFollowsTheLatestReportInBothDirections() {
        String id = Api.create(Api.programme("Monitoring", "PUBLIC"));
        String base = PROGRAMMES + "/" + id + "/indicators";
        String seized = editor().body("{\"name\": \"Smuggled minerals seized\", \"unit\": \"kg\", \"baseline\": 0, \"target\": 1500, \"direction\": \"INCREASE\"}")
                .post(base).then().statusCode(201).body("progressPercent", nullValue()).body("reports", equalTo(0))
                .extract().path("id");
        String attacks = editor().body("{\"name\": \"Attacks near mine sites\", \"unit\": \"incidents/quarter\", \"baseline\": 40, \"target\": 10, \"direction\": \"DECREASE\"}")
                .post(base).then().statusCode(201).extract().path("id");
        editor().body(report("2026-03-31", "420")).post(base + "/" + seized + "/reports").then().statusCode(201)
                .body("value", equalTo(420));
        editor().body(report("2025-12-31", "100")).post(base + "/" + seized + "/reports").then().statusCode(201);
        editor().body(report("2026-03-31", "31")).post(base + "/" + attacks + "/reports").then().statusCode(201);
        editor().get(base).then().statusCode(200).body("", hasSize(2))
                .body("find { it.id == '" + seized + "' }.latestValue", equalTo(420))
                .body("find { it.id == '" + seized + "' }.latestPeriodEnd", equalTo("2026-03-31"))
                .body("find { it.id == '" + seized + "' }.progressPercent", equalTo(28.0f))
                .body("find { it.id == '" + seized + "' }.reports", equalTo(2))
                .body("find { it.id == '" + attacks + "' }.progressPercent", equalTo(30.0f))
                .body("find { it.id == '" + attacks + "' }.achieved", equalTo(false));
        editor().body(report("2026-06-30", "1600")).post(base + "/" + seized + "/reports").then().statusCode(201);
        editor().get(base).then().body("find { it.id == '" + seized + "' }.achieved", equalTo(true));
        editor().get(base + "/" + seized + "/reports").then().statusCode(200).body("reports", hasSize(3))
                .body("reports[0].periodEnd", equalTo("2025-12-31")).body("reports[0].source.reference", equalTo("MR-2025-12-31"));
    }

    @Test
    void badIndicatorsAndReportsAreProblemsAndStoreNothing() {
        String id = Api.create(Api.programme("Monitoring errors", "PUBLIC"));
        String base = PROGRAMMES + "/" + id + "/indicators";
        String ind = editor().body("{\"name\": \"Personnel trained\", \"unit\": \"persons\", \"baseline\": 0, \"target\": 400, \"direction\": \"INCREASE\"}")
                .post(base).then().statusCode(201).extract().path("id");
        editor().body(report("2026-03-31", "50")).post(base + "/" + ind + "/reports").then().statusCode(201);
        String before = db.fingerprint();
        editor().body("{\"name\": \"x\", \"unit\": \"kg\", \"baseline\": 10, \"target\": 5, \"direction\": \"INCREASE\"}")
                .post(base).then().statusCode(400).body("errors[0].field", equalTo("target"));
        editor().body("{\"name\": \"x\", \"unit\": \"kg\", \"baseline\": 10, \"target\": 5, \"direction\": \"SIDEWAYS\"}")
                .post(base).then().statusCode(400);
        editor().body(report("2026-03-31", "60")).post(base + "/" + ind + "/reports").then().statusCode(409)
                .body("type", containsString("duplicate-report"));
        editor().body(report("2099-03-31", "60")).post(base + "/" + ind + "/reports").then().statusCode(400)
                .body("errors[0].field", equalTo("periodEnd"));
        editor().body("{\"periodEnd\": \"2026-06-30\", \"value\": 60}").post(base + "/" + ind + "/reports").then().statusCode(400)
                .body("errors[0].field", equalTo("source"));
        editor().body(report("2026-06-30", "60")).post(base + "/" + UUID.randomUUID() + "/reports").then().statusCode(404);
        editor().body(report("2026-06-30", "60")).post(PROGRAMMES + "/" + UUID.randomUUID() + "/indicators/" + ind + "/reports")
                .then().statusCode(404);
        assertEquals(before, db.fingerprint());
    }
}
