package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.RealInfraTestResource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** A retried project decision or obligation status change with the same Idempotency-Key changes state once. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class IdempotentDecisionAndStatusTest extends SignedInAsAdmin {


    static final String PROBLEM = "application/problem+json";

    @Inject
    TestDb db;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    String agreement;

    @BeforeEach
    void agreement() throws Exception {
        Commodities.seed(bootstrap, db);
        agreement = given().contentType(ContentType.JSON)
                .body(AgreementLifecycleTest.full(AgreementLifecycleTest.ref(), "Idempotent decisions"))
                .post("/api/v1/agreements").then().statusCode(201).extract().path("id");
    }

    /** Records of {@code type} about {@code subject} (a project or obligation id) on the agreements topic. */
    long published(String type, String subject) {
        return KafkaProbe.published(bootstrap, "agreements.agreement.v1", 1,
                r -> type.equals(KafkaProbe.header(r, "ce_type")) && r.value().contains(subject));
    }

    @Test
    void aBlankIdempotencyKeyIsTheDocumentedBadRequestAndCreatesNothing() {
        String before = db.fingerprint();
        for (String blank : new String[] { "", "   " }) {
            // not "no key": the create the client meant to make safe to retry is refused, not carried out unprotected
            given().contentType(ContentType.JSON).header("Idempotency-Key", blank)
                    .body(AgreementLifecycleTest.full(AgreementLifecycleTest.ref(), "Blank key"))
                    .post("/api/v1/agreements").then().statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("urn:mfs:problem:validation-failed"))
                    .body("errors.field", hasItem("Idempotency-Key"));
        }
        assertEquals(before, db.fingerprint(), "a blank key creates nothing");
    }

    @Test
    void aRetriedDecisionWithTheSameIdempotencyKeyIsRecordedOnce() throws Exception {
        String base = "/api/v1/agreements/" + agreement + "/projects";
        String project = given().contentType(ContentType.JSON).body(ProjectsAndObligationsTest.GRAND_INGA).post(base)
                .then().statusCode(201).extract().path("id");
        String decision = base + "/" + project + "/decision";
        String approve = "{\"outcome\": \"APPROVED\", \"on\": \"2025-09-30\", \"minutesReference\": \"JSC-2025-03 item 4\"}";
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(approve).post(decision).then().statusCode(200).header("Idempotent-Replayed", nullValue())
                .body("prioritised", equalTo(true)).body("decision.outcome", equalTo("APPROVED")).extract();
        String before = db.fingerprint();
        assertEquals(1, published("agreement.project-decided.v1", project));

        ExtractableResponse<Response> replay = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(approve).post(decision).then().statusCode(200).header("Idempotent-Replayed", "true")
                .contentType(ContentType.JSON).body("id", equalTo(project)).extract();
        assertEquals(json.readTree(first.asString()), json.readTree(replay.asString()), "the replay is the first response");

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(approve.replace("APPROVED", "REJECTED")).post(decision).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:mfs:problem:idempotency-key-reused"))
                .body("errors.field", hasItem("Idempotency-Key"))
                .body(not(containsString("Exception")));
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(201)).body(approve).post(decision)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("Idempotency-Key"));
        given().contentType(ContentType.JSON).header("Idempotency-Key", "").body(approve).post(decision)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("Idempotency-Key"));

        assertEquals(before, db.fingerprint(), "a replay, a reused key or a bad key records nothing");
        assertEquals(1, published("agreement.project-decided.v1", project), "agreement.project-decided.v1 is published once");
        assertEquals("APPROVED", db.text("select decision from project where id = '" + project + "'"));
        given().get(base + "/" + project).then().statusCode(200).body("decision.outcome", equalTo("APPROVED"));
    }

    @Test
    void aRetriedObligationStatusWithTheSameIdempotencyKeyIsRecordedOnce() throws Exception {
        String base = "/api/v1/agreements/" + agreement + "/obligations";
        String create = "{\"type\": \"LOCAL_EMPLOYMENT\", \"description\": \"Local hiring quota\", \"responsibleParty\": \"US\", "
                + "\"dueDate\": \"" + LocalDate.now().plusYears(1) + "\"}";
        String obligation = given().contentType(ContentType.JSON).body(create).post(base).then().statusCode(201)
                .body("status", equalTo("PENDING")).extract().path("id");
        String other = given().contentType(ContentType.JSON).body(create).post(base).then().statusCode(201)
                .extract().path("id");
        String met = "{\"status\": \"MET\", \"on\": \"2026-05-02\"}";
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(met).post(base + "/" + obligation + "/status").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue()).body("status", equalTo("MET")).extract();
        String before = db.fingerprint();
        String version = db.text("select version from obligation where id = '" + obligation + "'");

        ExtractableResponse<Response> replay = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(met).post(base + "/" + obligation + "/status").then().statusCode(200)
                .header("Idempotent-Replayed", "true").contentType(ContentType.JSON).extract();
        assertEquals(json.readTree(first.asString()), json.readTree(replay.asString()), "the replay is the first response");

        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(met.replace("MET", "WAIVED"))
                .post(base + "/" + obligation + "/status").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:mfs:problem:idempotency-key-reused"))
                .body(not(containsString("Exception")));
        // a request that fails stores no key: the same key can carry the corrected request
        String retryKey = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Idempotency-Key", retryKey).body(met.replace("MET", "OVERDUE"))
                .post(base + "/" + obligation + "/status").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("status"));
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(201)).body(met)
                .post(base + "/" + obligation + "/status").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("Idempotency-Key"));

        assertEquals(before, db.fingerprint(), "a replay, a reused key or a failed request records nothing");
        assertEquals(version, db.text("select version from obligation where id = '" + obligation + "'"));
        assertEquals("MET", db.text("select status from obligation where id = '" + obligation + "'"));
        assertEquals(1, published("agreement.obligation-status-changed.v1", obligation),
                "agreement.obligation-status-changed.v1 is published once");

        given().contentType(ContentType.JSON).header("Idempotency-Key", retryKey).body(met.replace("MET", "WAIVED"))
                .post(base + "/" + obligation + "/status").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue()).body("status", equalTo("WAIVED"));
        // a key is scoped to its obligation: the same key and body on another obligation is a new request
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(met)
                .post(base + "/" + other + "/status").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue()).body("id", equalTo(other)).body("status", equalTo("MET"));
    }
}
