package org.mfs.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mfs.security.Api.BASE;
import static org.mfs.security.Api.PROGRAMMES;
import static org.mfs.security.Api.editor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Budgets per fiscal year, disbursements that can never exceed them, and totals per currency. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "security_cooperation"))
class MoneyTest {

    @Inject
    TestDb db;

    @Test
    void disbursementOverTheBudgetIsRefusedNamingTheRemainderAndChangesNothing() {
        String id = Api.create(Api.programme("Kivu inspection teams", "PUBLIC"));
        String p = PROGRAMMES + "/" + id;
        editor().body(Api.disbursement("2026-02-01", "10.00", "USD")).post(p + "/disbursements").then().statusCode(409)
                .body("type", containsString("programme-not-active"));
        Api.activate(id);
        editor().body(Api.budget(2026, "1000000.00", "USD")).post(p + "/budgets").then().statusCode(201)
                .body("remaining.amount", equalTo(1000000.00f)).header("ETag", "\"0\"");
        editor().body(Api.budget(2026, "5", "USD")).post(p + "/budgets").then().statusCode(409);
        editor().body(Api.disbursement("2026-02-01", "600000.50", "USD")).post(p + "/disbursements").then().statusCode(201)
                .body("fiscalYear", equalTo(2026)).body("amount.currency", equalTo("USD"));
        String before = db.fingerprint();
        editor().body(Api.disbursement("2026-03-01", "400000.00", "USD")).post(p + "/disbursements").then().statusCode(422)
                .body("type", containsString("over-budget")).body("detail", containsString("remaining 399999.50 USD"));
        editor().body(Api.disbursement("2027-03-01", "1.00", "USD")).post(p + "/disbursements").then().statusCode(422)
                .body("type", containsString("no-budget"));
        editor().body(Api.disbursement("2026-03-01", "1.00", "EUR")).post(p + "/disbursements").then().statusCode(422)
                .body("type", containsString("no-budget"));
        editor().body(Api.disbursement("2026-03-01", "1.001", "USD")).post(p + "/disbursements").then().statusCode(400);
        editor().body(Api.disbursement("2026-03-01", "-5", "USD")).post(p + "/disbursements").then().statusCode(400);
        editor().body(Api.disbursement("2026-03-01", "5", "XYZ")).post(p + "/disbursements").then().statusCode(400)
                .body("errors[0].field", equalTo("amount.currency"));
        editor().body(Api.budget(2026, "1e400", "USD")).post(p + "/budgets").then().statusCode(400);
        assertEquals(before, db.fingerprint());
        editor().body(Api.disbursement("2026-03-01", "399999.50", "USD")).post(p + "/disbursements").then().statusCode(201);
        editor().get(p + "/budgets").then().statusCode(200).body("[0].remaining.amount", equalTo(0.0f))
                .body("[0].disbursed.amount", equalTo(1000000.00f));
        editor().get(p + "/disbursements?sort=disbursedOn").then().statusCode(200).body("total", equalTo(2))
                .body("items[0].disbursedOn", equalTo("2026-02-01"));
    }

    @Test
    void fiftyConcurrentDisbursementsNeverTogetherExceedTheBudget() throws Exception {
        String id = Api.create(Api.programme("Concurrent tranche", "PUBLIC"));
        String p = PROGRAMMES + "/" + id;
        Api.activate(id);
        String budgetId = editor().body(Api.budget(2026, "1000.00", "USD")).post(p + "/budgets").then().statusCode(201)
                .extract().path("id");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return editor().body(Api.disbursement("2026-05-05", "30.00", "USD")).post(p + "/disbursements")
                        .then().extract().statusCode();
            }));
        }
        go.countDown();
        int created = 0;
        int refused = 0;
        for (Future<Integer> f : results) {
            int status = f.get();
            if (status == 201) {
                created++;
            } else if (status == 422) {
                refused++;
            } else {
                throw new AssertionError("unexpected status " + status);
            }
        }
        pool.shutdown();
        assertEquals(33, created, "1000.00 holds 33 disbursements of 30.00");
        assertEquals(17, refused);
        assertEquals(new BigDecimal("990.00"), new BigDecimal(db.text(
                "select sum(amount) from disbursement where budget_line_id = '" + budgetId + "'")));
        assertEquals("990.00", db.text("select disbursed from budget_line where id = '" + budgetId + "'"));
    }

    @Test
    void totalsAreComputedPerGroupAndNeverAcrossCurrencies() {
        String recipient = "NO";
        String a = Api.create(Api.programme("Totals A", "PUBLIC").replace("\"CD\"", "\"" + recipient + "\""));
        String b = Api.create(Api.programme("Totals B", "PUBLIC").replace("\"CD\"", "\"" + recipient + "\"")
                .replace("ANTI_SMUGGLING", "TRAINING"));
        Api.activate(a);
        editor().body(Api.budget(2025, "100.00", "USD")).post(PROGRAMMES + "/" + a + "/budgets").then().statusCode(201);
        editor().body(Api.budget(2025, "80.00", "EUR")).post(PROGRAMMES + "/" + a + "/budgets").then().statusCode(201);
        editor().body(Api.budget(2025, "50.00", "USD")).post(PROGRAMMES + "/" + b + "/budgets").then().statusCode(201);
        editor().body(Api.disbursement("2025-06-01", "40.00", "USD")).post(PROGRAMMES + "/" + a + "/disbursements").then().statusCode(201);
        JsonPath byProvider = editor().queryParam("groupBy", "provider").queryParam("recipient", recipient)
                .get(BASE + "/totals").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> rows = byProvider.getList("rows");
        assertEquals(2, rows.size(), "one row per currency: " + rows);
        assertEquals("EUR", rows.get(0).get("currency"));
        assertEquals(80.0f, ((Number) rows.get(0).get("budgeted")).floatValue());
        assertEquals(150.0f, ((Number) rows.get(1).get("budgeted")).floatValue());
        assertEquals(40.0f, ((Number) rows.get(1).get("disbursed")).floatValue());
        assertEquals(110.0f, ((Number) rows.get(1).get("remaining")).floatValue());
        assertEquals(2, ((Number) rows.get(1).get("programmes")).intValue());
        editor().queryParam("groupBy", "category").queryParam("recipient", recipient).queryParam("currency", "USD")
                .get(BASE + "/totals").then().statusCode(200)
                .body("rows.find { it.key == 'TRAINING' }.budgeted", equalTo(50.0f))
                .body("rows.find { it.key == 'ANTI_SMUGGLING' }.disbursed", equalTo(40.0f));
        editor().queryParam("groupBy", "programme").queryParam("recipient", recipient).get(BASE + "/totals").then()
                .statusCode(200).body("rows.size()", equalTo(3));
        editor().queryParam("groupBy", "colour").get(BASE + "/totals").then().statusCode(400)
                .body("errors[0].field", equalTo("groupBy"));
        String unused = UUID.randomUUID().toString();
        editor().get(PROGRAMMES + "/" + unused + "/budgets").then().statusCode(404);
    }

    @Test
    void totalsOfOneAgreementCountOnlyItsProgrammes() {
        java.util.UUID agreement = db.agreement("IN_FORCE");
        String linked = Api.create(Api.programme("Totals under an agreement", "PUBLIC")
                .replaceFirst("\\{", "{\"agreementId\": \"" + agreement + "\", "));
        String other = Api.create(Api.programme("Totals elsewhere", "PUBLIC"));
        editor().body(Api.budget(2026, "70.00", "USD")).post(PROGRAMMES + "/" + linked + "/budgets").then().statusCode(201);
        editor().body(Api.budget(2026, "30.00", "USD")).post(PROGRAMMES + "/" + other + "/budgets").then().statusCode(201);
        editor().queryParam("agreementId", agreement.toString()).queryParam("groupBy", "programme")
                .get(BASE + "/totals").then().statusCode(200)
                .body("rows.size()", equalTo(1))
                .body("rows[0].key", equalTo(linked))
                .body("rows[0].budgeted", equalTo(70.0f));
        editor().queryParam("agreementId", "not-a-uuid").get(BASE + "/totals").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
