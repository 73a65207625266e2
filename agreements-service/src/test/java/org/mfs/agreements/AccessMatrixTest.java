package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.infra.TestTokens;
import org.mfs.platform.security.Clearance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Role × partner country × endpoint × PUBLIC / PARTIES_ONLY: exactly what each caller sees (lists, totals, search,
 * CSV export, direct reads, history, asOf, projects, obligations) and may do (create, change, lifecycle,
 * designations, committee decisions, monitoring reports), with zero leaks of agreements a caller may not see.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class AccessMatrixTest {

    static final String PROBLEM = "application/problem+json";

    static final String DRC_EDITOR = TestTokens.user("drc-editor").partner("CD").clearance(Clearance.RESTRICTED).roles("editor").sign();
    static final String US_EDITOR = TestTokens.user("us-editor").partner("US").clearance(Clearance.RESTRICTED).roles("editor").sign();
    static final String DRC_COMMITTEE = TestTokens.user("drc-committee").partner("CD").roles("committee").sign();
    static final String FR_VIEWER = TestTokens.user("fr-viewer").partner("FR").roles("viewer").sign();
    static final String MONITOR = TestTokens.user("monitor").roles("monitor").sign();
    static final String ADMIN = TestTokens.user("admin").clearance(Clearance.CONFIDENTIAL).roles("admin").sign();
    static final String NO_ROLE = TestTokens.user("no-role").partner("CD").sign();

    @Inject
    TestDb db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** Four agreements with a tag unique to this test run: CD-US and US-JP, each PUBLIC and PARTIES_ONLY. */
    String tag;
    String cdUsPublic;
    String cdUsPrivate;
    String usJpPublic;
    String usJpPrivate;
    Map<String, String> names;

    @BeforeEach
    void agreements() throws Exception {
        Commodities.seed(bootstrap, db);
        tag = "matrix" + UUID.randomUUID().toString().substring(0, 8);
        cdUsPublic = create(ADMIN, "CD", "US", "PUBLIC");
        cdUsPrivate = create(ADMIN, "CD", "US", "PARTIES_ONLY");
        usJpPublic = create(ADMIN, "US", "JP", "PUBLIC");
        usJpPrivate = create(ADMIN, "US", "JP", "PARTIES_ONLY");
        names = new LinkedHashMap<>();
        names.put(cdUsPublic, "CD-US public");
        names.put(cdUsPrivate, "CD-US parties-only");
        names.put(usJpPublic, "US-JP public");
        names.put(usJpPrivate, "US-JP parties-only");
    }

    String create(String token, String a, String b, String visibility) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body(a, b, visibility))
                .post("/api/v1/agreements").then().statusCode(201).extract().path("id");
    }

    String body(String a, String b, String visibility) {
        return """
                {"title": "%s %s-%s %s", "type": "FRAMEWORK", "visibility": "%s",
                 "parties": [{"country": "%s", "role": "RESOURCE_HOLDER"}, {"country": "%s", "role": "INVESTOR_PARTNER"}]}
                """.formatted(tag, a, b, visibility, visibility, a, b);
    }

    @Test
    void eachCallerSeesExactlyTheAgreementsItMayEverywhere() {
        assertSees("admin", ADMIN, cdUsPublic, cdUsPrivate, usJpPublic, usJpPrivate);
        assertSees("us-editor", US_EDITOR, cdUsPublic, cdUsPrivate, usJpPublic, usJpPrivate);
        assertSees("drc-editor", DRC_EDITOR, cdUsPublic, cdUsPrivate, usJpPublic);
        assertSees("drc-committee", DRC_COMMITTEE, cdUsPublic, cdUsPrivate, usJpPublic);
        assertSees("fr-viewer", FR_VIEWER, cdUsPublic, usJpPublic);
        assertSees("monitor", MONITOR, cdUsPublic, usJpPublic);
    }

    /** Lists, totals, filters, CSV export, direct reads, history, asOf, projects and obligations agree. */
    void assertSees(String who, String token, String... visible) {
        Set<String> expected = new TreeSet<>(Arrays.asList(visible));
        Response list = given().auth().oauth2(token).queryParam("q", tag).queryParam("size", 100).get("/api/v1/agreements");
        list.then().statusCode(200);
        assertEquals(labels(expected), labels(new TreeSet<>(list.jsonPath().getList("items.id", String.class))), who + ": search");
        assertEquals(expected.size(), list.jsonPath().getInt("total"), who + ": total");

        Response us = given().auth().oauth2(token).queryParam("q", tag).queryParam("party", "US").queryParam("size", 100)
                .get("/api/v1/agreements");
        assertEquals(expected.size(), us.jsonPath().getInt("total"), who + ": total with party=US (all four have US)");
        Response jp = given().auth().oauth2(token).queryParam("q", tag).queryParam("party", "JP").get("/api/v1/agreements");
        long jpVisible = expected.stream().filter(id -> id.equals(usJpPublic) || id.equals(usJpPrivate)).count();
        assertEquals(jpVisible, jp.jsonPath().getInt("total"), who + ": total with party=JP");

        String csv = given().auth().oauth2(token).queryParam("q", tag).accept("text/csv").get("/api/v1/agreements/export")
                .then().statusCode(200).extract().asString();
        Set<String> exported = csv.lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(labels(expected), labels(exported), who + ": CSV export");
        assertEquals(Integer.toString(expected.size()), given().auth().oauth2(token).queryParam("q", tag).accept("text/csv")
                .get("/api/v1/agreements/export").header("X-Total-Count"), who + ": export total");

        for (String id : names.keySet()) {
            int status = expected.contains(id) ? 200 : 404;
            String what = who + " on " + names.get(id);
            for (String path : List.of("", "/history", "/projects", "/obligations")) {
                Response r = given().auth().oauth2(token).get("/api/v1/agreements/" + id + path);
                assertEquals(status, r.statusCode(), what + ": GET " + path);
                if (status == 404) {
                    assertEquals(PROBLEM, r.contentType(), what + ": 404 is a problem");
                    assertEquals(false, r.asString().contains(tag), what + ": the 404 names nothing of the agreement");
                }
            }
            assertEquals(status, given().auth().oauth2(token).queryParam("asOf", "2999-01-01")
                    .get("/api/v1/agreements/" + id).statusCode(), what + ": asOf");
        }
    }

    List<String> labels(Set<String> ids) {
        return ids.stream().map(id -> names.getOrDefault(id, id)).sorted().toList();
    }

    @Test
    void anEditorChangesOnlyAgreementsItsCountryIsPartyTo() {
        given().auth().oauth2(DRC_EDITOR).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"summary\": \"changed by the DRC\"}").patch("/api/v1/agreements/" + cdUsPublic)
                .then().statusCode(200).body("summary", equalTo("changed by the DRC"));
        given().auth().oauth2(DRC_EDITOR).get("/api/v1/agreements/" + cdUsPublic + "/history").then()
                .body("revisions[1].actor", equalTo(TestTokens.actorOf("drc-editor")));

        String before = db.fingerprint();
        given().auth().oauth2(DRC_EDITOR).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"summary\": \"not ours\"}").patch("/api/v1/agreements/" + usJpPublic)
                .then().statusCode(403).contentType(PROBLEM).body("type", equalTo("urn:mfs:problem:forbidden"));
        given().auth().oauth2(DRC_EDITOR).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(body("US", "JP", "PUBLIC")).put("/api/v1/agreements/" + usJpPublic).then().statusCode(403);
        given().auth().oauth2(DRC_EDITOR).contentType(ContentType.JSON).body("{\"to\": \"UNDER_NEGOTIATION\", \"on\": \"2025-03-15\"}")
                .post("/api/v1/agreements/" + usJpPublic + "/transitions").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(DRC_EDITOR).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"summary\": \"invisible\"}").patch("/api/v1/agreements/" + usJpPrivate).then().statusCode(404);
        // an editor may not record an agreement between other countries, nor take its own country out of one
        given().auth().oauth2(DRC_EDITOR).contentType(ContentType.JSON).body(body("US", "JP", "PUBLIC"))
                .post("/api/v1/agreements").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(DRC_EDITOR).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"parties\": [{\"country\": \"US\", \"role\": \"INVESTOR_PARTNER\"}, {\"country\": \"JP\", \"role\": \"INVESTOR_PARTNER\"}]}")
                .patch("/api/v1/agreements/" + cdUsPublic).then().statusCode(403).contentType(PROBLEM);
        // viewers, committee members and monitors do not edit; a token without roles reads nothing
        for (String token : List.of(FR_VIEWER, DRC_COMMITTEE, MONITOR)) {
            given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body("{\"summary\": \"x\"}").patch("/api/v1/agreements/" + cdUsPublic).then().statusCode(403)
                    .contentType(PROBLEM);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body("CD", "US", "PUBLIC"))
                    .post("/api/v1/agreements").then().statusCode(403);
        }
        given().auth().oauth2(NO_ROLE).get("/api/v1/agreements").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(NO_ROLE).get("/api/v1/agreements/" + cdUsPublic).then().statusCode(403);
        given().auth().oauth2(DRC_EDITOR).post("/api/v1/agreements/obligations/overdue-check").then().statusCode(403);
        assertEquals(before, db.fingerprint(), "refused requests change nothing");

        given().auth().oauth2(US_EDITOR).contentType(ContentType.JSON).body("{\"to\": \"UNDER_NEGOTIATION\", \"on\": \"2025-03-15\"}")
                .post("/api/v1/agreements/" + usJpPublic + "/transitions").then().statusCode(200);
        given().auth().oauth2(DRC_EDITOR).contentType(ContentType.JSON).body(body("CD", "ZM", "PUBLIC"))
                .post("/api/v1/agreements").then().statusCode(201);
    }

    @Test
    void designationsDecisionsAndReportsNeedTheirRoleOnTheObject() {
        String base = "/api/v1/agreements/" + cdUsPublic;
        String project = given().auth().oauth2(DRC_EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": \"Inga " + tag + "\", \"sector\": \"ENERGY\", \"location\": {\"country\": \"CD\", \"region\": \"Kongo Central\"}}")
                .post(base + "/projects").then().statusCode(201).extract().path("id");
        String designate = "{\"designation\": \"%s\", \"on\": \"2025-07-01\"}";
        String before = db.fingerprint();
        given().auth().oauth2(DRC_EDITOR).contentType(ContentType.JSON).body(designate.formatted("CRITICAL"))
                .put(base + "/projects/" + project + "/designations/US").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(FR_VIEWER).contentType(ContentType.JSON).body(designate.formatted("STRATEGIC"))
                .put(base + "/projects/" + project + "/designations/CD").then().statusCode(403);
        String decision = "{\"outcome\": \"APPROVED\", \"on\": \"2025-09-30\", \"minutesReference\": \"JSC-1\"}";
        given().auth().oauth2(DRC_EDITOR).contentType(ContentType.JSON).body(decision)
                .post(base + "/projects/" + project + "/decision").then().statusCode(403).contentType(PROBLEM);
        assertEquals(before, db.fingerprint(), "refused designations and decisions change nothing");
        String report = "{\"on\": \"2025-12-01\", \"verifier\": \"Independent auditor\", \"independent\": true, \"finding\": \"ok\"}";
        String obligation = given().auth().oauth2(DRC_EDITOR).contentType(ContentType.JSON)
                .body("{\"type\": \"IMPACT_ASSESSMENT\", \"description\": \"ESIA\", \"responsibleParty\": \"CD\", \"dueDate\": \"2030-01-01\"}")
                .post(base + "/obligations").then().statusCode(201).extract().path("id");
        String afterObligation = db.fingerprint();
        given().auth().oauth2(DRC_EDITOR).contentType(ContentType.JSON).body(report)
                .post(base + "/obligations/" + obligation + "/reports").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(FR_VIEWER).contentType(ContentType.JSON).body("{\"status\": \"MET\", \"on\": \"2025-01-01\"}")
                .post(base + "/obligations/" + obligation + "/status").then().statusCode(403);
        given().auth().oauth2(MONITOR).contentType(ContentType.JSON).body(report)
                .post("/api/v1/agreements/" + cdUsPrivate + "/obligations/" + obligation + "/reports").then().statusCode(404);
        assertEquals(afterObligation, db.fingerprint(), "refused requests change nothing");

        given().auth().oauth2(DRC_EDITOR).contentType(ContentType.JSON).body(designate.formatted("STRATEGIC"))
                .put(base + "/projects/" + project + "/designations/CD").then().statusCode(200);
        given().auth().oauth2(US_EDITOR).contentType(ContentType.JSON).body(designate.formatted("CRITICAL"))
                .put(base + "/projects/" + project + "/designations/US").then().statusCode(200);
        given().auth().oauth2(DRC_COMMITTEE).contentType(ContentType.JSON).body(decision)
                .post(base + "/projects/" + project + "/decision").then().statusCode(200).body("prioritised", equalTo(true));
        given().auth().oauth2(MONITOR).contentType(ContentType.JSON).body(report)
                .post(base + "/obligations/" + obligation + "/reports").then().statusCode(201);
        given().auth().oauth2(ADMIN).get(base + "/history").then()
                .body("revisions.actor", org.hamcrest.Matchers.hasItems(TestTokens.actorOf("drc-committee"),
                        TestTokens.actorOf("monitor"), TestTokens.actorOf("us-editor")));
    }
}
