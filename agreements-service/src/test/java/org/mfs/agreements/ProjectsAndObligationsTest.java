package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.EventSchemas;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.RealInfraTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Projects with bilateral prioritisation, and obligations with monitoring and the overdue notice. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class ProjectsAndObligationsTest extends SignedInAsAdmin {


    static final String PROBLEM = "application/problem+json";
    static final String GRAND_INGA = """
            {"name": "Grand Inga hydropower", "sector": "ENERGY",
             "location": {"country": "CD", "region": "Kongo Central", "latitude": -5.52, "longitude": 13.62},
             "estimatedCost": {"amount": 10000000000, "currency": "USD"}, "capacity": {"value": 43200, "unit": "MW"},
             "corridor": "Lobito Corridor"}
            """;

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
                .body(AgreementLifecycleTest.full(AgreementLifecycleTest.ref(), "Projects and obligations"))
                .post("/api/v1/agreements").then().statusCode(201).extract().path("id");
    }

    @Test
    void partiesDesignateProjectsAndTheCommitteeDecides() throws Exception {
        String base = "/api/v1/agreements/" + agreement + "/projects";
        try (KafkaProbe probe = new KafkaProbe(bootstrap, "agreements.agreement.v1")) {
            String project = given().contentType(ContentType.JSON).body(GRAND_INGA).post(base).then().statusCode(201)
                    .body("capacity.value", equalTo(43200)).body("capacity.unit", equalTo("MW"))
                    .body("estimatedCost.currency", equalTo("USD")).body("status", equalTo("PROPOSED"))
                    .body("prioritised", equalTo(false)).extract().path("id");
            String before = db.fingerprint();
            given().contentType(ContentType.JSON).body("{\"designation\": \"CRITICAL\", \"on\": \"2025-07-01\"}")
                    .put(base + "/" + project + "/designations/FR").then().statusCode(422).contentType(PROBLEM)
                    .body("type", equalTo("urn:mfs:problem:not-a-party"));
            given().contentType(ContentType.JSON).body("{\"designation\": \"VITAL\", \"on\": \"2025-07-01\"}")
                    .put(base + "/" + project + "/designations/CD").then().statusCode(400).contentType(PROBLEM);
            given().contentType(ContentType.JSON).body(GRAND_INGA.replace("\"USD\"", "\"XXY\"")).post(base).then()
                    .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("estimatedCost.currency"));
            given().contentType(ContentType.JSON).body(GRAND_INGA.replace("-5.52", "-95")).post(base).then()
                    .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("location.latitude"));
            given().contentType(ContentType.JSON).body("{\"outcome\": \"APPROVED\", \"on\": \"2025-09-30\"}")
                    .post(base + "/" + project + "/decision").then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem("minutesReference"));
            assertEquals(before, db.fingerprint(), "rejected requests change nothing");

            given().contentType(ContentType.JSON).body("{\"designation\": \"STRATEGIC\", \"on\": \"2025-07-01\"}")
                    .put(base + "/" + project + "/designations/CD").then().statusCode(200);
            given().contentType(ContentType.JSON).body("{\"designation\": \"CRITICAL\", \"on\": \"2025-07-15\", \"note\": \"energy for processing\"}")
                    .put(base + "/" + project + "/designations/US").then().statusCode(200)
                    .body("designations", hasSize(2))
                    .body("designations[0].country", equalTo("CD")).body("designations[0].designation", equalTo("STRATEGIC"))
                    .body("designations[1].designation", equalTo("CRITICAL"));
            given().get(base + "?prioritised=true").then().statusCode(200).body("$", hasSize(0));
            given().contentType(ContentType.JSON)
                    .body("{\"outcome\": \"APPROVED\", \"on\": \"2025-09-30\", \"minutesReference\": \"JSC-2025-03 item 4\"}")
                    .post(base + "/" + project + "/decision").then().statusCode(200)
                    .body("prioritised", equalTo(true)).body("decision.outcome", equalTo("APPROVED"));
            given().get(base + "?prioritised=true").then().statusCode(200).body("id", equalTo(List.of(project)));

            List<ConsumerRecord<String, String>> events = probe.await(r -> agreement.equals(r.key())
                    && KafkaProbe.header(r, "ce_type").startsWith("agreement.project-"), 4, Duration.ofSeconds(30));
            events.forEach(EventSchemas::assertValid);
            assertEquals(List.of("agreement.project-added.v1", "agreement.project-designated.v1",
                    "agreement.project-designated.v1", "agreement.project-decided.v1"),
                    events.stream().map(r -> KafkaProbe.header(r, "ce_type")).toList());
            JsonNode decided = json.readTree(events.get(3).value());
            assertEquals("JSC-2025-03 item 4", decided.get("minutesReference").asText());
        }
        given().get("/api/v1/agreements/" + agreement + "/history").then()
                .body("revisions.operation", hasItem("project decided"));
        given().get("/api/v1/agreements/" + agreement + "/projects/5d0c1b9e-0000-4000-8000-000000000000").then()
                .statusCode(404).contentType(PROBLEM);
    }

    @Test
    void obligationsDeriveOverdueAndTheNoticeIsSentOnce() throws Exception {
        String base = "/api/v1/agreements/" + agreement + "/obligations";
        String before = db.fingerprint();
        given().contentType(ContentType.JSON)
                .body("{\"type\": \"WATER_PROTECTION\", \"description\": \"x\", \"responsibleParty\": \"FR\", \"dueDate\": \"2030-01-01\"}")
                .post(base).then().statusCode(422).contentType(PROBLEM).body("errors.field", hasItem("responsibleParty"));
        given().contentType(ContentType.JSON)
                .body("{\"type\": \"SUNSHINE\", \"description\": \"x\", \"responsibleParty\": \"CD\", \"dueDate\": \"2030-01-01\"}")
                .post(base).then().statusCode(400).contentType(PROBLEM);
        assertEquals(before, db.fingerprint());

        String past = LocalDate.now().minusDays(3).toString();
        String overdue = given().contentType(ContentType.JSON)
                .body("{\"type\": \"IMPACT_ASSESSMENT\", \"description\": \"ESIA for Grand Inga\", \"responsibleParty\": \"CD\", \"dueDate\": \"" + past + "\"}")
                .post(base).then().statusCode(201).body("status", equalTo("OVERDUE")).extract().path("id");
        String met = given().contentType(ContentType.JSON)
                .body("{\"type\": \"LOCAL_EMPLOYMENT\", \"description\": \"Local hiring quota\", \"responsibleParty\": \"US\", \"dueDate\": \"" + past + "\"}")
                .post(base).then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"status\": \"MET\", \"on\": \"" + past + "\"}")
                .post(base + "/" + met + "/status").then().statusCode(200).body("status", equalTo("MET"));
        given().contentType(ContentType.JSON).body("{\"status\": \"OVERDUE\", \"on\": \"" + past + "\"}")
                .post(base + "/" + met + "/status").then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON)
                .body("{\"on\": \"2025-12-01\", \"verifier\": \"Independent auditor\", \"independent\": true, \"finding\": \"Draft ESIA incomplete\", \"link\": \"https://example.org/r.pdf\"}")
                .post(base + "/" + overdue + "/reports").then().statusCode(201)
                .body("reports", hasSize(1)).body("reports[0].independent", equalTo(true));

        try (KafkaProbe probe = new KafkaProbe(bootstrap, "agreements.agreement.v1")) {
            given().post("/api/v1/agreements/obligations/overdue-check").then().statusCode(200)
                    .body("obligationIds", hasItem(overdue));
            given().post("/api/v1/agreements/obligations/overdue-check").then().statusCode(200)
                    .body("newlyOverdue", equalTo(0));
            List<ConsumerRecord<String, String>> events = probe.await(r -> agreement.equals(r.key())
                    && "agreement.obligation-overdue.v1".equals(KafkaProbe.header(r, "ce_type")), 1, Duration.ofSeconds(30));
            events.forEach(EventSchemas::assertValid);
            assertEquals(overdue, json.readTree(events.get(0).value()).get("obligationId").asText());
            List<ConsumerRecord<String, String>> more = probe.drain(Duration.ofSeconds(2));
            assertEquals(1, more.stream().filter(r -> "agreement.obligation-overdue.v1".equals(KafkaProbe.header(r, "ce_type"))
                    && agreement.equals(r.key())).count(), "the overdue notice is sent once");
        }
        given().get(base).then().statusCode(200).body("status", equalTo(List.of("OVERDUE", "MET")))
                .body("[0].description", containsString("ESIA"));
    }
}
