package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Every kind of bad request gets an RFC 9457 problem naming what is wrong, and stores nothing. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class AgreementErrorsTest extends SignedInAsAdmin {


    static final String PROBLEM = "application/problem+json";

    @Inject
    TestDb db;

    String before;

    @BeforeEach
    void snapshot() {
        before = db.fingerprint();
    }

    @AfterEach
    void nothingWasStored() {
        assertEquals(before, db.fingerprint(), "a rejected request must not change what is stored");
    }

    ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/agreements").then()
                .contentType(PROBLEM)
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    @Test
    void malformedJson() {
        post("{\"title\": \"x\", ").statusCode(400)
                .body("type", equalTo("urn:mfs:problem:malformed-json"))
                .body("status", equalTo(400))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void unknownField() {
        post(AgreementApiTest.DRC_US.replace("\"title\"", "\"colour\": \"red\", \"title\"")).statusCode(400)
                .body("type", equalTo("urn:mfs:problem:unknown-field"))
                .body("errors.field", hasItem("colour"));
    }

    @Test
    void wrongTypes() {
        post("{\"title\": 42, \"type\": \"STRATEGIC_PARTNERSHIP\", \"parties\": []}").statusCode(400)
                .body("type", equalTo("urn:mfs:problem:invalid-field-type"))
                .body("errors.field", hasItem("title"));
        post(AgreementApiTest.DRC_US.replace("STRATEGIC_PARTNERSHIP", "ALLIANCE")).statusCode(400)
                .body("errors.field", hasItem("type"))
                .body("errors[0].message", containsString("MINERALS_FOR_SECURITY"));
        post("{\"title\": \"x\", \"type\": \"FRAMEWORK\", \"parties\": {\"country\": \"CD\"}}").statusCode(400)
                .body("errors.field", hasItem("parties"));
    }

    @Test
    void aValueOfTheRightTypeThatCannotBeStoredIsNamedWithWhatItMustBe() {
        // a string, so not a "wrong type": the answer says what is wrong with it
        post(AgreementApiTest.DRC_US.replace("DRC-US Strategic", "DRC\\u0000US Strategic")).statusCode(400)
                .body("type", equalTo("urn:mfs:problem:invalid-field-value"))
                .body("detail", equalTo("title: must not contain the NUL character (U+0000), which PostgreSQL cannot "
                        + "store in text"))
                .body("errors[0].field", equalTo("title"))
                .body("errors[0].message", containsString("NUL"));
        post(AgreementApiTest.DRC_US.replace("\"CD\"", "\"C\\u0000\"")).statusCode(400)
                .body("type", equalTo("urn:mfs:problem:invalid-field-value"))
                .body("errors[0].field", equalTo("parties[0].country"));
    }

    @Test
    void textThatIsNotUnicodeIsRefusedNotStoredChanged() {
        // half a surrogate pair, sent as a JSON escape: was a 201 whose stored title read "DRC?US Strategic Partnership"
        post(AgreementApiTest.DRC_US.replace("DRC-US Strategic", "DRC\\ud800US Strategic")).statusCode(400)
                .body("type", equalTo("urn:mfs:problem:invalid-field-value"))
                .body("errors[0].field", equalTo("title"))
                .body("errors[0].message", containsString("\\uD800 at character 4 is half of a surrogate pair"));
        // bytes that are not UTF-8 (the title in Latin-1): malformed, not "the wrong type"
        given().contentType("application/json").body(AgreementApiTest.DRC_US.replace("DRC-US Strategic", "S\u00e3o Tom\u00e9")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).post("/api/v1/agreements").then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:mfs:problem:malformed-json"))
                .body("detail", containsString("is not UTF-8 text"))
                .body("errors[0].field", equalTo("title"));
    }

    @Test
    void anAnswerOfAMediaTypeNoOperationHasIs406NamingTheAcceptHeader() {
        // was "The accept header value did not match the value in @Produces": the server's source, not the caller's request
        given().accept("application/xml").get("/api/v1/agreements").then().statusCode(406)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:mfs:problem:not-acceptable"))
                .body("detail", equalTo("this operation has no answer of a media type the Accept header allows "
                        + "('application/xml'); its responses in the OpenAPI document list the media types it answers with"));
    }

    @Test
    void failedValidationListsEveryOffendingField() {
        post("""
                {"title": " ", "type": null,
                 "parties": [{"country": "ZZ", "role": "RESOURCE_HOLDER"}, {"country": "us", "role": null}]}
                """).statusCode(400)
                .body("type", equalTo("urn:mfs:problem:validation-failed"))
                .body("errors.field", hasItems("title", "type", "parties[0].country", "parties[1].country", "parties[1].role"));
    }

    @Test
    void fewerThanTwoPartiesOrTheSameCountryTwice() {
        post("""
                {"title": "Solo", "type": "FRAMEWORK", "parties": [{"country": "CD", "role": "RESOURCE_HOLDER"}]}
                """).statusCode(400).body("errors.field", hasItem("parties"));
        post("""
                {"title": "Twice", "type": "FRAMEWORK",
                 "parties": [{"country": "CD", "role": "RESOURCE_HOLDER"}, {"country": "CD", "role": "OBSERVER"}]}
                """).statusCode(400).body("errors.field", hasItem("parties[1].country"));
    }

    @Test
    void missingBody() {
        given().contentType(ContentType.JSON).post("/api/v1/agreements").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void unknownIdIs404AndABadIdIsNotA500() {
        given().get("/api/v1/agreements/5d0c1b9e-0000-4000-8000-000000000000").then().statusCode(404)
                .contentType(PROBLEM).body("type", equalTo("urn:mfs:problem:not-found"))
                .body("detail", containsString("5d0c1b9e-0000-4000-8000-000000000000"));
        given().get("/api/v1/agreements/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void wrongContentTypeIs415() {
        given().contentType(ContentType.XML).body("<agreement/>").post("/api/v1/agreements").then().statusCode(415)
                .contentType(PROBLEM).body("type", equalTo("urn:mfs:problem:unsupported-media-type"));
    }

    @Test
    void unsupportedMethodIs405() {
        given().contentType(ContentType.JSON).body(AgreementApiTest.DRC_US).put("/api/v1/agreements").then()
                .statusCode(405).contentType(PROBLEM).body("type", equalTo("urn:mfs:problem:method-not-allowed"))
                // RFC 9110: a 405 names the methods the resource supports
                .header("Allow", "GET, HEAD, OPTIONS, POST")
                .body("detail", endsWith("; allowed: GET, HEAD, OPTIONS, POST"));
        String id = "00000000-0000-0000-0000-000000000001";
        given().delete("/api/v1/agreements/" + id).then().statusCode(405)
                .header("Allow", "GET, HEAD, OPTIONS, PATCH, PUT");
        // a literal segment wins over a template, as in JAX-RS's own matching
        given().delete("/api/v1/agreements/export").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
        given().get("/api/v1/agreements/" + id + "/transitions").then().statusCode(405).header("Allow", "OPTIONS, POST");
        // and OPTIONS answers the same list for the same path
        given().options("/api/v1/agreements/" + id).then().statusCode(200).header("Allow", "GET, HEAD, OPTIONS, PATCH, PUT");
        given().options("/api/v1/agreements").then().statusCode(200).header("Allow", "GET, HEAD, OPTIONS, POST");
    }

    @Test
    void pageSizeOverTheMaximum() {
        given().queryParam("size", 1000).get("/api/v1/agreements").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("size"));
    }
}
