package org.mfs.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mfs.security.Api.PROGRAMMES;
import static org.mfs.security.Api.editor;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Programmes: create, read, search, update with If-Match, lifecycle, history and asOf, and bad input. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "security_cooperation"))
class ProgrammeApiTest {

    @Inject
    TestDb db;

    @Test
    void createdProgrammeIsReadBackListedAndLinkedToItsAgreementAndSites() {
        UUID agreement = db.agreement("IN_FORCE");
        UUID site = db.site("Kamituga", "CD", -3.06, 28.18);
        String ref = "US-CD-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String location = editor().body("""
                {"referenceCode": "%s", "title": "Kivu gold routes", "providerCountry": "US", "recipientCountry": "CD",
                 "agreementId": "%s", "category": "ANTI_SMUGGLING", "objectives": "Cut armed groups' gold revenue",
                 "targetRegions": [{"country": "CD", "region": " South Kivu ", "siteIds": ["%s"]}],
                 "sources": [{"title": "Programme document", "url": "https://example.org/p.pdf", "date": "2025-09-12"}]}
                """.formatted(ref, agreement, site))
                .post(PROGRAMMES).then().statusCode(201).header("ETag", "\"0\"")
                .body("status", equalTo("PLANNED")).body("classification", equalTo("PUBLIC"))
                .body("military", equalTo(false)).body("targetRegions[0].region", equalTo("South Kivu"))
                .extract().header("Location");
        editor().get(location).then().statusCode(200).header("ETag", "\"0\"")
                .body("referenceCode", equalTo(ref)).body("agreementId", equalTo(agreement.toString()))
                .body("targetRegions[0].siteIds[0]", equalTo(site.toString()))
                .body("sources[0].date", equalTo("2025-09-12"));
        editor().queryParam("agreementId", agreement).get(PROGRAMMES).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].referenceCode", equalTo(ref));
        editor().queryParam("q", "kivu gold").queryParam("category", "ANTI_SMUGGLING").get(PROGRAMMES).then()
                .statusCode(200).body("items.referenceCode", hasItem(ref));
        editor().queryParam("category", "TRAINING").queryParam("agreementId", agreement).get(PROGRAMMES).then()
                .statusCode(200).body("total", equalTo(0));
        String csv = editor().queryParam("agreementId", agreement).accept("text/csv").get(PROGRAMMES + "/export").then()
                .statusCode(200).contentType(containsString("text/csv")).header("X-Total-Count", "1").extract().asString();
        assertEquals(2, csv.lines().count(), csv);
        org.junit.jupiter.api.Assertions.assertTrue(csv.lines().skip(1).findFirst().orElseThrow()
                .contains(ref + ",Kivu gold routes,US,CD," + agreement + ",ANTI_SMUGGLING,PLANNED,PUBLIC"), csv);
    }

    @Test
    void updatesNeedTheCurrentEtagAndHistoryAndAsOfShowEachVersion() throws Exception {
        String id = Api.create(Api.programme("Border posts Ruzizi", "PUBLIC"));
        String path = PROGRAMMES + "/" + id;
        editor().body("{\"title\": \"x2\"}").patch(path).then().statusCode(428)
                .contentType("application/problem+json");
        editor().header("If-Match", "\"7\"").body("{\"title\": \"x2\"}").patch(path).then().statusCode(412);
        Instant beforePatch = Instant.now();
        Thread.sleep(5);
        editor().header("If-Match", "\"0\"").body("{\"title\": \"Border posts Ruzizi and Bukavu\", \"category\": \"BORDER_SECURITY\"}")
                .patch(path).then().statusCode(200).header("ETag", "\"1\"")
                .body("title", equalTo("Border posts Ruzizi and Bukavu")).body("category", equalTo("BORDER_SECURITY"))
                .body("providerCountry", equalTo("US"));
        editor().get(path + "/history").then().statusCode(200)
                .body("revisions", hasSize(2)).body("revisions[0].operation", equalTo("created"))
                .body("revisions[1].operation", equalTo("patched"))
                .body("revisions[1].changes.field", hasItem("title"))
                .body("revisions[1].changes.find { it.field == 'category' }.from", equalTo("ANTI_SMUGGLING"));
        editor().queryParam("asOf", beforePatch.toString()).get(path).then().statusCode(200)
                .body("title", equalTo("Border posts Ruzizi")).body("version", equalTo(0));
        editor().queryParam("asOf", "2001-01-01").get(path).then().statusCode(404);
        editor().queryParam("asOf", "yesterday").get(path).then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void lifecycleAllowsOnlyExplicitStepsAndNeedsReasons() {
        String id = Api.create(Api.programme("Training battalion", "PUBLIC"));
        String path = PROGRAMMES + "/" + id + "/transitions";
        editor().body("{\"to\": \"COMPLETED\"}").post(path).then().statusCode(409)
                .body("type", containsString("illegal-transition")).body("detail", containsString("ACTIVE"));
        Api.activate(id);
        editor().body("{\"to\": \"ON_HOLD\"}").post(path).then().statusCode(400).body("errors[0].field", equalTo("reason"));
        editor().body("{\"to\": \"ON_HOLD\", \"reason\": \"Funding review\"}").post(path).then().statusCode(200)
                .body("status", equalTo("ON_HOLD")).body("statusReason", equalTo("Funding review"))
                .body("heldByAgreementRule", equalTo(false));
        editor().body("{\"to\": \"ACTIVE\"}").post(path).then().statusCode(200).body("statusReason", nullValue());
        editor().body("{\"to\": \"COMPLETED\"}").post(path).then().statusCode(200);
        editor().body("{\"to\": \"ACTIVE\"}").post(path).then().statusCode(409).body("detail", containsString("final"));
        editor().body("{\"to\": \"PAUSED\"}").post(path).then().statusCode(400);
    }

    @Test
    void programmeUnderASuspendedAgreementCannotBeResumedByHand() {
        UUID agreement = db.agreement("IN_FORCE");
        String id = Api.create(Api.programme("Kivu anti-smuggling", "PUBLIC").replaceFirst("\\{",
                "{\"agreementId\": \"" + agreement + "\", "));
        Api.activate(id);
        editor().body("{\"to\": \"ON_HOLD\", \"reason\": \"audit\"}").post(PROGRAMMES + "/" + id + "/transitions").then().statusCode(200);
        db.exec("update agreement_ref set status = 'SUSPENDED' where id = ?", agreement);
        editor().body("{\"to\": \"ACTIVE\"}").post(PROGRAMMES + "/" + id + "/transitions").then().statusCode(409)
                .body("type", containsString("agreement-not-in-force"));
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndStoresNothing() {
        UUID terminated = db.agreement("TERMINATED");
        String before = db.fingerprint();
        editor().body("{\"title\": \"x\", \"providerCountry\": \"ZZ\", \"recipientCountry\": \"CD\", \"category\": \"TRAINING\"}")
                .post(PROGRAMMES).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("providerCountry"));
        editor().body("{\"title\": \"x\", \"providerCountry\": \"US\", \"recipientCountry\": \"US\", \"category\": \"TRAINING\"}")
                .post(PROGRAMMES).then().statusCode(400).body("errors[0].field", equalTo("recipientCountry"));
        editor().body("{\"title\": \"x\", \"providerCountry\": \"US\", \"recipientCountry\": \"CD\", \"category\": \"SPYING\"}")
                .post(PROGRAMMES).then().statusCode(400);
        editor().body("{\"title\": \"x\", \"providerCountry\": \"US\", \"recipientCountry\": \"CD\", \"category\": \"TRAINING\", \"colour\": 1}")
                .post(PROGRAMMES).then().statusCode(400);
        editor().body("{\"title\": \"x\", \"providerCountry\": \"US\", \"recipientCountry\": \"CD\", \"category\": \"TRAINING\","
                + " \"startDate\": \"2026-01-01\", \"endDate\": \"2025-01-01\"}").post(PROGRAMMES).then().statusCode(400)
                .body("errors[0].field", equalTo("endDate"));
        editor().body("{\"title\": \"x\", \"providerCountry\": \"US\", \"recipientCountry\": \"CD\", \"category\": \"TRAINING\","
                + " \"sources\": [{\"title\": \"no locator\"}]}").post(PROGRAMMES).then().statusCode(400)
                .body("errors[0].field", equalTo("sources[0]"));
        editor().body("{\"title\": \"x\", \"providerCountry\": \"US\", \"recipientCountry\": \"CD\", \"category\": \"TRAINING\","
                + " \"agreementId\": \"" + UUID.randomUUID() + "\"}").post(PROGRAMMES).then().statusCode(422)
                .body("type", containsString("unknown-agreement")).body("errors[0].field", equalTo("agreementId"));
        editor().body("{\"title\": \"x\", \"providerCountry\": \"US\", \"recipientCountry\": \"CD\", \"category\": \"TRAINING\","
                + " \"agreementId\": \"" + terminated + "\"}").post(PROGRAMMES).then().statusCode(422)
                .body("detail", containsString("TERMINATED"));
        editor().body("{\"title\": \"x\", \"providerCountry\": \"US\", \"recipientCountry\": \"CD\", \"category\": \"TRAINING\","
                + " \"targetRegions\": [{\"country\": \"CD\", \"region\": \"Ituri\", \"siteIds\": [\"" + UUID.randomUUID() + "\"]}]}")
                .post(PROGRAMMES).then().statusCode(422).body("errors[0].field", equalTo("targetRegions[0].siteIds[0]"));
        editor().body("not json").post(PROGRAMMES).then().statusCode(400);
        editor().queryParam("size", 0).get(PROGRAMMES).then().statusCode(400);
        editor().queryParam("sort", "colour").get(PROGRAMMES).then().statusCode(400).body("errors[0].field", equalTo("sort"));
        editor().queryParam("status", "SLEEPING").get(PROGRAMMES).then().statusCode(400);
        editor().get(PROGRAMMES + "/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        assertEquals(before, db.fingerprint());
    }

    @Test
    void duplicateReferenceIsAConflictAndIdempotencyKeyCreatesOnce() {
        String ref = "DUP-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String body = Api.programme("Duplicate", "PUBLIC").replaceFirst("\\{", "{\"referenceCode\": \"" + ref + "\", ");
        String key = UUID.randomUUID().toString();
        String first = editor().header("Idempotency-Key", key).body(body).post(PROGRAMMES).then().statusCode(201).extract().path("id");
        String before = db.fingerprint();
        editor().header("Idempotency-Key", key).body(body).post(PROGRAMMES).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        editor().body(body).post(PROGRAMMES).then().statusCode(409).body("errors[0].field", equalTo("referenceCode"));
        editor().header("Idempotency-Key", key).body(body.replace("Duplicate", "Other")).post(PROGRAMMES).then().statusCode(422);
        for (String blank : new String[] { "", "   " }) {
            // a blank key is not "no key": the otherwise valid create is refused, not carried out unprotected
            editor().header("Idempotency-Key", blank).body(body.replace(ref, ref + "B")).post(PROGRAMMES).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("Idempotency-Key"));
        }
        assertEquals(before, db.fingerprint());
        editor().queryParam("q", ref).get(PROGRAMMES).then().body("total", equalTo(1))
                .body("items.title", not(hasItem("Other")));
    }
}
