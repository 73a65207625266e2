package org.mfs.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mfs.platform.infra.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;

/**
 * The dashboard overview against the three real services (their demo data: the DRC-US partnership, its security
 * programmes, the USGS figures), with the callers' rights applied by each service, and with one service frozen.
 */
@QuarkusTest
@TestProfile(OverviewTest.WithRealServices.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OverviewTest {

    /** The real services only: the other classes' UpstreamStubs are global test resources and would win otherwise. */
    public static class WithRealServices implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RealServices.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private static final String OVERVIEW = "/api/v1/overview/agreements/";
    /** A US analyst cleared for RESTRICTED: sees the DRC-US programmes, the restricted one included. */
    private static final String US_ANALYST = TestTokens.user("us-analyst").partner("US").clearanceClaim("RESTRICTED")
            .roles("viewer").sign();
    /** A viewer of a third country, cleared for RESTRICTED too: the restricted US-CD programme is not for France. */
    private static final String FR_VIEWER = TestTokens.user("fr-viewer").partner("FR").clearanceClaim("RESTRICTED")
            .roles("viewer").sign();

    /**
     * The demo agreement's id. agreements-service applies its demo file in the background once minerals-service's
     * commodity events have reached it, which on a loaded machine can be well after all three services are ready.
     */
    private static String agreementId(String referenceCode, String token) {
        long deadline = System.currentTimeMillis() + 180_000;
        while (true) {
            List<Map<String, Object>> items = given().auth().oauth2(token).queryParam("size", 100)
                    .when().get("/api/v1/agreements").then().statusCode(200).extract().jsonPath().getList("items");
            var id = items.stream().filter(a -> referenceCode.equals(a.get("referenceCode")))
                    .map(a -> (String) a.get("id")).findFirst();
            if (id.isPresent()) {
                return id.get();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(referenceCode + " not among " + items.size() + " agreements after 180 s; see "
                        + "gateway/target/real-services/agreements-service.log");
            }
            sleepOneSecond();
        }
    }

    private static void sleepOneSecond() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonPath overview(String id, String token) {
        return given().auth().oauth2(token).when().get(OVERVIEW + id)
                .then().statusCode(200).contentType(containsString("application/json")).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** The security programmes arrive once security-cooperation-service has read the agreement's event. */
    private static JsonPath overviewWithProgrammes(String id, String token, int programmes) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        JsonPath overview;
        do {
            overview = overview(id, token);
            // until then the part may also be unavailable: a service still warming up on a loaded machine can miss
            // its 1 s response timeout
            Number count = overview.get("security.programmeCount");
            if (count != null && count.intValue() >= programmes && overview.getBoolean("complete")) {
                return overview;
            }
            Thread.sleep(1000);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("the demo programmes never appeared: " + overview.prettify());
    }

    @Test
    @Order(1)
    void drcUsOverviewHasEveryPartFromTheThreeServices() throws InterruptedException {
        String id = agreementId("CD-US-2025-SP", US_ANALYST);
        JsonPath o = overviewWithProgrammes(id, US_ANALYST, 4);

        assertTrue(o.getBoolean("complete"), o.prettify());
        assertEquals(List.of(), o.getList("unavailableServices"));
        assertEquals(id, o.getString("agreement.id"));
        assertEquals("DRC-US Strategic Partnership", o.getString("agreement.title"));

        // minerals-service: each covered mineral, cobalt's concentration, the parties' shares, the edition
        assertEquals("available", o.getString("supply.status"));
        assertEquals(List.of("cobalt", "coltan", "gold"), o.getList("supply.minerals.commodity"));
        Map<String, Object> cobalt = o.getMap("supply.minerals.find { it.commodity == 'cobalt' }");
        assertTrue(((Number) cobalt.get("hhi")).doubleValue() > 2500, "cobalt HHI " + cobalt.get("hhi"));
        assertEquals("HIGHLY_CONCENTRATED", cobalt.get("level"));
        assertEquals("CD", o.getString("supply.minerals.find { it.commodity == 'cobalt' }.topProducers[0].country"));
        float drcShare = o.getFloat("supply.minerals.find { it.commodity == 'cobalt' }.partyShares.find { it.country == 'CD' }.share");
        assertTrue(drcShare > 0.5f, "the DRC mines most of the world's cobalt: " + drcShare);
        assertEquals(List.of("USGS MCS 2025"), cobalt.get("editions"));
        assertNotNull(o.getString("supply.latestEdition.code"));
        assertEquals(List.of("CD", "US"), o.getList("supply.exposure.countries"));

        // security-cooperation-service: the programmes under the agreement, totals by category over the same ones
        assertEquals("available", o.getString("security.status"));
        assertEquals(4, o.getInt("security.programmeCount"));
        assertTrue(o.getList("security.programmes.classification").contains("RESTRICTED"));
        assertEquals(new BigDecimal("4000000.00"), budgeted(o, "INTELLIGENCE_SHARING"));

        // agreements-service: the three demo obligations are pending, each open or overdue by its due date
        assertEquals("available", o.getString("obligations.status"));
        List<String> overdueDates = o.getList("obligations.overdue.dueDate");
        List<String> openDates = o.getList("obligations.open.dueDate");
        assertEquals(3, overdueDates.size() + openDates.size(), o.prettify());
        overdueDates.forEach(d -> assertTrue(LocalDate.parse(d).isBefore(LocalDate.now()), "overdue but due " + d));
        openDates.forEach(d -> assertFalse(LocalDate.parse(d).isBefore(LocalDate.now().minusDays(1)), "open but due " + d));
    }

    @Test
    @Order(2)
    void aThirdCountryViewerGets404ForAPartiesOnlyAgreementAndNoRestrictedProgramme() throws InterruptedException {
        String zambiaUs = agreementId("ZM-US-DRAFT-MOU", US_ANALYST);
        given().auth().oauth2(FR_VIEWER).when().get(OVERVIEW + zambiaUs)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:mfs:problem:not-found"))
                .body("detail", equalTo("No agreement " + zambiaUs));
        // a party sees it
        assertEquals("ZM-US-DRAFT-MOU", overview(zambiaUs, US_ANALYST).getString("agreement.referenceCode"));

        String drcUs = agreementId("CD-US-2025-SP", FR_VIEWER);
        JsonPath us = overviewWithProgrammes(drcUs, US_ANALYST, 4);
        JsonPath fr = overview(drcUs, FR_VIEWER);
        assertEquals(3, fr.getInt("security.programmeCount"), fr.prettify());
        assertFalse(fr.getList("security.programmes.classification").contains("RESTRICTED"), fr.prettify());
        // nor through the totals: no row of its category, and the sums are those of the programmes France may see
        assertNull(fr.get("security.totalsByCategory.find { it.key == 'INTELLIGENCE_SHARING' }"));
        assertEquals(total(us, "budgeted").subtract(new BigDecimal("4000000.00")), total(fr, "budgeted"));
        assertEquals(total(us, "disbursed").subtract(new BigDecimal("500000.00")), total(fr, "disbursed"));
    }

    @Test
    @Order(3)
    void badIdAndNoTokenAreProblems() {
        given().auth().oauth2(US_ANALYST).when().get(OVERVIEW + "not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("id must be a UUID"));
        // a parameter the overview does not take is refused, as by every operation of the services (ADR 0023)
        given().auth().oauth2(US_ANALYST).when().get(OVERVIEW + "3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a37?include=security")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", containsString("unknown-query-parameter"))
                .body("detail", containsString("include=security"));
        given().auth().oauth2(US_ANALYST).when().get("/api/v1/overview/agreements")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get(OVERVIEW + "3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a37")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(US_ANALYST).when().get(OVERVIEW + "3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a37")
                .then().statusCode(404).contentType("application/problem+json");
        // refused by Quarkus REST before the overview runs: these were answered with an empty body
        given().auth().oauth2(US_ANALYST).contentType("application/json").body("{}")
                .when().post(OVERVIEW + "3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a37")
                .then().statusCode(405).contentType("application/problem+json")
                .header("Allow", containsString("GET"))
                .body("type", equalTo("urn:mfs:problem:method-not-allowed"))
                .body("detail", containsString("allowed: "));
        given().auth().oauth2(US_ANALYST).accept("application/xml")
                .when().get(OVERVIEW + "3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a37")
                .then().statusCode(406).contentType("application/problem+json")
                .body("type", equalTo("urn:mfs:problem:not-acceptable"))
                .body("detail", containsString("('application/xml')"));
    }

    @Test
    @Order(4)
    void withMineralsServiceFrozenTheRestIsAnsweredWithinAboutASecond() {
        String id = agreementId("CD-US-2025-SP", US_ANALYST);
        RealServices.pause("minerals-service");
        try {
            long started = System.nanoTime();
            Response response = given().auth().oauth2(US_ANALYST).header("X-Request-Id", "overview-frozen-1")
                    .when().get(OVERVIEW + id);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, response.statusCode(), response.asString());
            assertEquals("overview-frozen-1", response.header("X-Request-Id"));
            JsonPath o = response.jsonPath();
            assertFalse(o.getBoolean("complete"));
            assertEquals(List.of("minerals-service"), o.getList("unavailableServices"));
            assertEquals("unavailable", o.getString("supply.status"));
            assertEquals("minerals-service", o.getString("supply.service"));
            assertEquals("minerals-service did not answer within 1 s", o.getString("supply.reason"));
            assertNull(o.get("supply.minerals"));
            assertEquals("available", o.getString("security.status"));
            assertEquals("available", o.getString("obligations.status"));
            assertEquals("DRC-US Strategic Partnership", o.getString("agreement.title"));
            // one response timeout (1 s), not the 30 s of a hang; the margin is for this shared 2-core machine
            assertTrue(millis < 2500, "the overview took " + millis + " ms with minerals-service frozen");
        } finally {
            RealServices.resume("minerals-service");
        }
    }

    @Test
    @Order(5)
    void withAgreementsServiceFrozenThereIsNoOverview() {
        String id = agreementId("CD-US-2025-SP", US_ANALYST);
        RealServices.pause("agreements-service");
        try {
            given().auth().oauth2(US_ANALYST).when().get(OVERVIEW + id)
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("detail", equalTo("agreements-service did not answer within 1 s; the overview cannot be given without its agreement"));
        } finally {
            RealServices.resume("agreements-service");
        }
    }

    private static BigDecimal budgeted(JsonPath overview, String category) {
        return new BigDecimal(overview.getString("security.totalsByCategory.find { it.key == '" + category + "' }.budgeted"))
                .setScale(2);
    }

    private static BigDecimal total(JsonPath overview, String field) {
        List<Object> values = overview.getList("security.totalsByCategory." + field);
        return values.stream().map(v -> new BigDecimal(v.toString())).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
    }
}
