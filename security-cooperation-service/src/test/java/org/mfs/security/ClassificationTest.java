package org.mfs.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mfs.security.Api.BASE;
import static org.mfs.security.Api.PROGRAMMES;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mfs.platform.infra.EventSchemas;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.infra.TestTokens;
import org.mfs.platform.security.Clearance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The leak matrix: a PUBLIC, a RESTRICTED and a CONFIDENTIAL programme (US → BI) with money, an indicator and
 * incident links, read by callers of different partner countries, clearances and roles. Each caller sees exactly the
 * programmes it is entitled to in lists, counts, totals, incident links and filters, aggregates, GeoJSON, history and
 * asOf, gets 404 on the others, and Kafka's general topics carry nothing of the classified ones but id, classification
 * and change type.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "security_cooperation"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassificationTest {

    static final String RECIPIENT = "BI";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    String pub;
    String restricted;
    String confidential;
    String region;
    String incident;

    /** Caller name → token. */
    final Map<String, String> callers = Map.of(
            "us-confidential", TestTokens.user("us-confidential").partner("US").clearance(Clearance.CONFIDENTIAL).roles("editor").sign(),
            "us-restricted", TestTokens.user("us-restricted").partner("US").clearance(Clearance.RESTRICTED).roles("viewer").sign(),
            "bi-restricted", TestTokens.user("bi-restricted").partner("BI").clearance(Clearance.RESTRICTED).roles("viewer").sign(),
            "us-public", TestTokens.user("us-public").partner("US").clearance(Clearance.PUBLIC).roles("editor").sign(),
            "fr-confidential-admin", TestTokens.user("fr-admin").partner("FR").clearance(Clearance.CONFIDENTIAL).roles("admin").sign(),
            "no-partner", TestTokens.user("no-partner").clearance(Clearance.CONFIDENTIAL).roles("viewer").sign());

    Map<String, Set<String>> expected;

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Records the programmes once per class (RestAssured's port is set only around each test, not in @BeforeAll). */
    @org.junit.jupiter.api.BeforeEach
    void recordProgrammesMoneyAndIncidents() {
        if (expected != null) {
            return;
        }
        String owner = callers.get("us-confidential");
        pub = create(owner, "PUBLIC");
        restricted = create(owner, "RESTRICTED");
        confidential = create(owner, "CONFIDENTIAL");
        int amount = 100;
        for (String id : List.of(pub, restricted, confidential)) {
            as(owner).body("{\"to\": \"ACTIVE\"}").post(PROGRAMMES + "/" + id + "/transitions").then().statusCode(200);
            as(owner).body(Api.budget(2026, amount + ".00", "USD")).post(PROGRAMMES + "/" + id + "/budgets").then().statusCode(201);
            as(owner).body(Api.disbursement("2026-03-01", "10.00", "USD")).post(PROGRAMMES + "/" + id + "/disbursements").then().statusCode(201);
            as(owner).body("{\"name\": \"Seized\", \"unit\": \"kg\", \"baseline\": 0, \"target\": 10, \"direction\": \"INCREASE\"}")
                    .post(PROGRAMMES + "/" + id + "/indicators").then().statusCode(201);
            amount *= 2;
        }
        region = "Matrix " + UUID.randomUUID().toString().substring(0, 8);
        incident = as(owner).body(IncidentTest.incident("2026-01-05", RECIPIENT, region, "SMUGGLING_SEIZURE",
                "\"commodity\": \"gold\", \"quantity\": {\"value\": 5, \"unit\": \"kg\"}, \"latitude\": -3.38, \"longitude\": 29.36, "
                        + "\"programmeIds\": [\"" + pub + "\", \"" + restricted + "\", \"" + confidential + "\"]"))
                .post(BASE + "/incidents").then().statusCode(201).extract().path("id");
        expected = Map.of(
                "us-confidential", Set.of(pub, restricted, confidential),
                "us-restricted", Set.of(pub, restricted),
                "bi-restricted", Set.of(pub, restricted),
                "us-public", Set.of(pub),
                "fr-confidential-admin", Set.of(pub),
                "no-partner", Set.of(pub));
    }

    String create(String token, String classification) {
        return as(token).body(Api.programme("Matrix " + classification, classification).replace("\"CD\"", "\"" + RECIPIENT + "\""))
                .post(PROGRAMMES).then().statusCode(201).extract().path("id");
    }

    @Test
    void everyCallerSeesExactlyTheProgrammesItIsEntitledToEverywhere() {
        Map<String, Integer> budgetOf = Map.of(pub, 100, restricted, 200, confidential, 400);
        for (Map.Entry<String, String> c : callers.entrySet()) {
            String who = c.getKey();
            String token = c.getValue();
            Set<String> visible = expected.get(who);
            JsonPath list = as(token).queryParam("recipient", RECIPIENT).queryParam("size", 100).get(PROGRAMMES).then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(visible, new HashSet<>(list.getList("items.id")), who + ": list");
            assertEquals(visible.size(), list.getInt("total"), who + ": count");
            String csv = as(token).queryParam("recipient", RECIPIENT).accept("text/csv").get(PROGRAMMES + "/export").then()
                    .statusCode(200).header("X-Total-Count", Integer.toString(visible.size())).extract().asString();
            assertEquals(visible, csv.lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).collect(Collectors.toSet()),
                    who + ": export");
            for (String id : List.of(pub, restricted, confidential)) {
                int status = visible.contains(id) ? 200 : 404;
                for (String path : List.of("", "/history", "/budgets", "/disbursements", "/indicators")) {
                    as(token).get(PROGRAMMES + "/" + id + path).then().statusCode(status);
                }
                as(token).queryParam("asOf", "2099-01-01").get(PROGRAMMES + "/" + id).then().statusCode(status);
                if (status == 404) {
                    as(token).get(PROGRAMMES + "/" + id).then().body("detail", equalTo("programme " + id + " does not exist"));
                }
                // a filter on an invisible programme finds nothing, as for a programme that does not exist
                as(token).queryParam("programmeId", id).queryParam("region", region).get(BASE + "/incidents").then()
                        .body("total", equalTo(visible.contains(id) ? 1 : 0));
                as(token).queryParam("programmeId", id).queryParam("region", region).get(BASE + "/incidents/monthly").then()
                        .body("rows.size()", equalTo(visible.contains(id) ? 1 : 0));
            }
            JsonPath totals = as(token).queryParam("groupBy", "programme").queryParam("recipient", RECIPIENT)
                    .get(BASE + "/totals").then().statusCode(200).extract().jsonPath();
            assertEquals(visible, new HashSet<>(totals.getList("rows.key")), who + ": totals by programme");
            BigDecimal budgeted = as(token).queryParam("groupBy", "recipient").queryParam("recipient", RECIPIENT)
                    .get(BASE + "/totals").then().statusCode(200).extract().jsonPath().getObject("rows[0].budgeted", BigDecimal.class);
            assertEquals(visible.stream().mapToInt(budgetOf::get).sum(), budgeted.intValue(), who + ": no leak through sums");
            as(token).queryParam("groupBy", "category").queryParam("recipient", RECIPIENT).get(BASE + "/totals").then()
                    .body("rows[0].programmes", equalTo(visible.size()));
            Set<String> links = new HashSet<>(as(token).get(BASE + "/incidents/" + incident).then().statusCode(200)
                    .extract().jsonPath().getList("programmeIds"));
            assertEquals(visible, links, who + ": incident links");
            Set<String> geoLinks = new HashSet<>(as(token).queryParam("region", region).get(BASE + "/incidents.geojson").then()
                    .statusCode(200).extract().jsonPath().getList("features[0].properties.programmeIds"));
            assertEquals(visible, geoLinks, who + ": GeoJSON links");
        }
    }

    @Test
    void callersWhoMayNotSeeAProgrammeCannotChangeItAndNobodyRecordsAboveTheirClearance() {
        for (String who : List.of("us-public", "fr-confidential-admin", "no-partner")) {
            as(callers.get(who)).header("If-Match", "*").body("{\"title\": \"x\"}").patch(PROGRAMMES + "/" + restricted)
                    .then().statusCode(404);
            as(callers.get(who)).body(Api.budget(2030, "1.00", "USD")).post(PROGRAMMES + "/" + restricted + "/budgets")
                    .then().statusCode(404);
        }
        as(callers.get("us-public")).body(Api.programme("Too secret", "RESTRICTED").replace("\"CD\"", "\"" + RECIPIENT + "\""))
                .post(PROGRAMMES).then().statusCode(403).body("errors[0].field", equalTo("classification"));
        as(callers.get("us-confidential")).header("If-Match", "*").body("{\"classification\": \"PUBLIC\", \"title\": \"x\"}")
                .patch(PROGRAMMES + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void rolesDecideWhoWrites() {
        String viewer = callers.get("us-restricted");
        as(viewer).body(Api.programme("Viewer", "PUBLIC")).post(PROGRAMMES).then().statusCode(403);
        as(viewer).body(Api.budget(2031, "1.00", "USD")).post(PROGRAMMES + "/" + pub + "/budgets").then().statusCode(403);
        String frEditor = TestTokens.user("fr-editor").partner("FR").clearance(Clearance.PUBLIC).roles("editor").sign();
        as(frEditor).header("If-Match", "*").body("{\"title\": \"Not ours\"}").patch(PROGRAMMES + "/" + pub).then()
                .statusCode(403).body("detail", containsString("provider (US) or recipient (BI)"));
        String monitor = TestTokens.user("monitor").partner("FR").clearance(Clearance.PUBLIC).roles("monitor").sign();
        String indicator = as(monitor).get(PROGRAMMES + "/" + pub + "/indicators").then().statusCode(200).extract().path("[0].id");
        as(monitor).body(IndicatorTest.report("2026-03-31", "4")).post(PROGRAMMES + "/" + pub + "/indicators/" + indicator + "/reports")
                .then().statusCode(201).body("reportedBy", equalTo(TestTokens.actorOf("monitor")));
        as(monitor).body(Api.budget(2032, "1.00", "USD")).post(PROGRAMMES + "/" + pub + "/budgets").then().statusCode(403);
        String admin = TestTokens.admin();
        as(admin).header("If-Match", "*").body("{\"objectives\": \"Admin edit\"}").patch(PROGRAMMES + "/" + pub).then().statusCode(200);
        given().get(PROGRAMMES).then().statusCode(401);
        as(callers.get("us-confidential")).get(PROGRAMMES + "/" + pub + "/history").then()
                .body("revisions[0].actor", equalTo(TestTokens.actorOf("us-confidential")));
    }

    @Test
    void kafkaGeneralTopicsCarryOnlyIdClassificationAndChangeTypeOfClassifiedProgrammes() {
        try (KafkaProbe general = new KafkaProbe(bootstrap, "security-cooperation.programme.v1");
                KafkaProbe detail = new KafkaProbe(bootstrap, "security-cooperation.programme-restricted.v1");
                KafkaProbe incidents = new KafkaProbe(bootstrap, "security-cooperation.incident.v1")) {
            for (String id : List.of(restricted, confidential)) {
                List<ConsumerRecord<String, String>> notices = general.await(r -> id.equals(r.key()), 5, Duration.ofSeconds(30));
                for (ConsumerRecord<String, String> r : notices) {
                    assertEquals("programme.restricted-change.v1", KafkaProbe.header(r, "ce_type"));
                    EventSchemas.assertValid(r);
                    assertEquals(Set.of("programmeId", "classification", "changeType"), new JsonPath(r.value()).getMap("").keySet());
                    assertFalse(r.value().contains("Matrix"), "no title on the general topic");
                }
                assertEquals(List.of("created", "status-changed", "budget-set", "disbursement-recorded", "indicator-added"),
                        notices.stream().map(r -> new JsonPath(r.value()).getString("changeType")).toList());
                List<ConsumerRecord<String, String>> full = detail.await(r -> id.equals(r.key()), 5, Duration.ofSeconds(30));
                assertEquals("programme.created.v1", KafkaProbe.header(full.get(0), "ce_type"));
                assertTrue(full.get(0).value().contains("Matrix"), "details on the restricted topic");
                assertEquals(List.of("1", "2", "3", "4", "5"), full.stream().map(r -> KafkaProbe.header(r, "ce_sequence")).toList());
                full.forEach(EventSchemas::assertValid);
            }
            ConsumerRecord<String, String> recorded = incidents.await(r -> incident.equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            assertEquals(List.of(pub), new JsonPath(recorded.value()).getList("publicProgrammeIds"));
            assertFalse(recorded.value().contains(restricted) || recorded.value().contains(confidential));
        }
    }
}
