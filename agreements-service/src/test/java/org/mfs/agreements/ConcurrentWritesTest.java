package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.agreements.service.AgreementService;
import org.mfs.platform.json.Json;
import org.mfs.agreements.service.Views;
import org.mfs.platform.infra.RealInfraTestResource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Concurrent writes to one agreement never leave the stored view or the history stale: each write to the aggregate
 * takes the agreement's row lock before it records history.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class ConcurrentWritesTest extends SignedInAsAdmin {


    @Inject
    TestDb db;

    @Inject
    AgreementService agreements;

    @Inject
    Views views;

    @Inject
    Json json;

    @Test
    void fiftyConcurrentMixedWritesLeaveViewEtagAndHistoryConsistent() throws Exception {
        String id = given().contentType(ContentType.JSON).body(AgreementApiTest.DRC_US).post("/api/v1/agreements")
                .then().statusCode(201).extract().path("id");
        String base = "/api/v1/agreements/" + id;
        // a create writes the row with its view (one insert, no update after it: ADR 0017), so GET serves the column
        assertEquals(storedView(id), freshView(id), "stored current_view vs the entities, right after the create");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            writes.add(pool.submit(() -> switch (n % 3) {
                case 0 -> given().contentType(ContentType.JSON).header("If-Match", "*")
                        .body("{\"title\": \"Title " + n + "\"}").patch(base).statusCode();
                case 1 -> given().contentType(ContentType.JSON)
                        .body(ProjectsAndObligationsTest.GRAND_INGA.replace("Grand Inga hydropower", "Project " + n))
                        .post(base + "/projects").statusCode();
                default -> given().contentType(ContentType.JSON)
                        .body("{\"type\": \"WATER_PROTECTION\", \"description\": \"Obligation " + n
                                + "\", \"responsibleParty\": \"CD\", \"dueDate\": \"2030-01-01\"}")
                        .post(base + "/obligations").statusCode();
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : writes) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 201), "every write succeeded: " + statuses);

        // the stored view equals a fresh read of the entities
        JsonNode fresh = freshView(id);
        assertEquals(fresh, storedView(id), "stored current_view vs the entities");

        // GET serves it with the ETag of its version
        Response get = given().get(base);
        assertEquals(200, get.statusCode());
        assertEquals("\"" + fresh.get("version").asLong() + "\"", get.header("ETag"));
        assertEquals(fresh.get("title").asText(), get.jsonPath().getString("title"));
        assertEquals(fresh.get("version").asLong(), get.jsonPath().getLong("version"));

        // the history has one revision per write, and replaying it gives the final state: a title changes only in
        // the revisions that patched it (no revert nobody made)
        List<Map<String, Object>> revisions = given().get(base + "/history").then().statusCode(200).extract()
                .jsonPath().getList("revisions");
        assertEquals(51, revisions.size());
        String title = null;
        for (int i = 0; i < revisions.size(); i++) {
            Map<String, Object> r = revisions.get(i);
            assertEquals(i + 1, ((Number) r.get("revision")).intValue());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> changes = (List<Map<String, Object>>) r.get("changes");
            for (Map<String, Object> c : changes) {
                if ("title".equals(c.get("field"))) {
                    assertTrue(i == 0 || "patched".equals(r.get("operation")), "title changed by " + r);
                    if (title != null) {
                        assertEquals(title, c.get("from"), "each title change starts from the previous title: " + r);
                    }
                    title = (String) c.get("to");
                }
            }
        }
        assertEquals(fresh.get("title").asText(), title);
        JsonNode lastSnapshot = json.mapper().readTree(db.text("select cast(snapshot as text) from agreement_revision "
                + "where agreement_id = '" + id + "' order by revision desc limit 1"));
        assertEquals(storedView(id), lastSnapshot, "the last revision is the stored view");
        assertNotEquals("DRC-US Strategic Partnership", title);
        assertEquals(17, db.count("select count(*) from project where agreement_id = '" + id + "'"));
        assertEquals(16, db.count("select count(*) from obligation where agreement_id = '" + id + "'"));
    }

    private JsonNode storedView(String id) throws Exception {
        String stored = db.text("select current_view from agreement where id = '" + id + "'");
        return stored == null ? null : json.mapper().readTree(stored);
    }

    private JsonNode freshView(String id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> json.mapper().readTree(json.write(views.agreement(agreements.get(UUID.fromString(id))))));
    }
}
