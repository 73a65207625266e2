package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.infra.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Parties can be reordered, removed (not only the last) and added with PATCH; searches by party and what a partner
 * sees of a parties-only agreement follow each change.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class PartyChangesTest extends SignedInAsAdmin {


    static final String CD = "{\"country\": \"CD\", \"role\": \"RESOURCE_HOLDER\"}";
    static final String US = "{\"country\": \"US\", \"role\": \"INVESTOR_PARTNER\"}";
    static final String ZA = "{\"country\": \"ZA\", \"role\": \"OBSERVER\"}";

    @Inject
    TestDb db;

    @Test
    void partiesCanBeReordered() {
        String id = create(CD, US);
        patchParties(id, 0, US, CD);
        given().get("/api/v1/agreements/" + id).then().statusCode(200).body("parties.country", contains("US", "CD"))
                .body("parties.role", contains("INVESTOR_PARTNER", "RESOURCE_HOLDER"));
        assertEquals("US,CD", db.text("select string_agg(country, ',' order by position) from agreement_party where agreement_id = '" + id + "'"));
    }

    @Test
    void aPartyThatIsNotTheLastCanBeRemovedAndOneAdded() {
        String id = create(CD, US, ZA);
        patchParties(id, 0, US, ZA);
        given().get("/api/v1/agreements/" + id).then().statusCode(200).body("parties.country", contains("US", "ZA"));
        patchParties(id, 1, US, ZA, CD);
        given().get("/api/v1/agreements/" + id).then().statusCode(200).body("parties.country", contains("US", "ZA", "CD"));
        assertEquals("US,ZA,CD", db.text("select string_agg(country, ',' order by position) from agreement_party where agreement_id = '" + id + "'"));
        given().get("/api/v1/agreements/" + id + "/history").then().statusCode(200)
                .body("revisions.operation", contains("created", "patched", "patched"));
    }

    @Test
    void partySearchesAndPartnerVisibilityFollowPartyChanges() {
        String tag = newTag();
        String za = TestTokens.user("za-viewer").partner("ZA").roles("viewer").sign();
        String id = createTitled("Parties " + tag, "PARTIES_ONLY", CD, US);
        assertEquals("{CD,US}", partyCountries(id));
        searchAs(null, tag, "CD").body("items.id", contains(id)).body("total", equalTo(1));
        searchAs(za, tag, null).body("items", empty()).body("total", equalTo(0));
        given().auth().oauth2(za).get("/api/v1/agreements/" + id).then().statusCode(404);

        patchParties(id, 0, US, ZA);
        assertEquals("{US,ZA}", partyCountries(id));
        searchAs(null, tag, "CD").body("items", empty());
        searchAs(null, tag, "ZA").body("items.id", contains(id));
        searchAs(za, tag, null).body("items.id", contains(id)).body("total", equalTo(1));
        given().auth().oauth2(za).get("/api/v1/agreements/" + id).then().statusCode(200);

        patchParties(id, 1, US, CD);
        searchAs(za, tag, null).body("items", empty());
        given().auth().oauth2(za).get("/api/v1/agreements/" + id).then().statusCode(404);
    }

    /**
     * Parties written by something other than this service (the previous release during a rolling upgrade, an
     * operator's SQL) still reach the countries the searches read: the database sets them at commit.
     */
    @Test
    void partyCountriesFollowPartiesWrittenOutsideTheService() {
        String tag = newTag();
        String id = createTitled("Parties " + tag, "PUBLIC", CD, US);
        UUID agreement = UUID.fromString(id);
        db.exec("update agreement_party set country = 'ZA' where agreement_id = ? and position = 1", agreement);
        assertEquals("{CD,ZA}", partyCountries(id));
        db.exec("insert into agreement_party (agreement_id, position, country, role) values (?, 2, 'FR', 'OBSERVER')", agreement);
        assertEquals("{CD,ZA,FR}", partyCountries(id));
        db.exec("delete from agreement_party where agreement_id = ? and position = 0", agreement);
        assertEquals("{ZA,FR}", partyCountries(id));
        searchAs(null, tag, "FR").body("items.id", contains(id));
        searchAs(null, tag, "CD").body("items", empty());
    }

    /** A search for {@code tag} (admin when {@code token} is null), filtered by {@code party} when given. */
    private static ValidatableResponse searchAs(String token, String tag, String party) {
        var request = token == null ? given() : given().auth().oauth2(token);
        if (party != null) {
            request = request.queryParam("party", party);
        }
        return request.queryParam("q", tag).get("/api/v1/agreements").then().statusCode(200);
    }

    @Test
    void aDuplicateCountryIsStillRejectedAndNothingChanges() {
        String id = create(CD, US);
        String before = db.fingerprint();
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"parties\": [" + US + ", " + US + "]}").patch("/api/v1/agreements/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, db.fingerprint());
    }

    private static String create(String... parties) {
        return createTitled("Parties", "PUBLIC", parties);
    }

    private static String createTitled(String title, String visibility, String... parties) {
        return given().contentType(ContentType.JSON).body("{\"title\": \"" + title + "\", \"type\": \"FRAMEWORK\","
                + " \"visibility\": \"" + visibility + "\", \"parties\": [" + String.join(", ", parties) + "]}")
                .post("/api/v1/agreements").then().statusCode(201).extract().path("id");
    }

    /** A word no other agreement's title holds, for a text search that finds only this test's agreement. */
    private static String newTag() {
        return "parties" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** The country codes stored on the agreement row, as PostgreSQL prints the array. */
    private String partyCountries(String id) {
        return db.text("select party_countries::text from agreement where id = '" + id + "'");
    }

    private static void patchParties(String id, long version, String... parties) {
        given().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .body("{\"parties\": [" + String.join(", ", parties) + "]}").patch("/api/v1/agreements/" + id)
                .then().statusCode(200).body("parties.country.size()", equalTo(parties.length));
    }
}
