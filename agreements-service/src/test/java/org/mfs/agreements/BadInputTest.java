package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.TestTokens;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.BadInputWalker;
import org.mfs.platform.infra.RawHttp;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/**
 * Every operation of the published OpenAPI document, sent every class of hostile input: no 5xx, every error
 * a problem+json, and nothing stored changes when a request is refused.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class BadInputTest extends SignedInAsAdmin {


    @TestHTTPResource("/")
    URL base;

    @Inject
    TestDb db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void noOperationAnswersHostileInputWithA5xxOrANonProblemOrAChange() throws Exception {
        Commodities.seed(bootstrap, db);
        String agreement = given().contentType(ContentType.JSON)
                .body(AgreementLifecycleTest.full(AgreementLifecycleTest.ref(), "Hostile input"))
                .post("/api/v1/agreements").then().statusCode(201).extract().path("id");
        String project = given().contentType(ContentType.JSON).body(ProjectsAndObligationsTest.GRAND_INGA)
                .post("/api/v1/agreements/" + agreement + "/projects").then().statusCode(201).extract().path("id");
        String obligation = given().contentType(ContentType.JSON)
                .body("{\"type\": \"IMPACT_ASSESSMENT\", \"description\": \"ESIA\", \"responsibleParty\": \"CD\", \"dueDate\": \"2026-06-30\"}")
                .post("/api/v1/agreements/" + agreement + "/obligations").then().statusCode(201).extract().path("id");

        BadInputWalker walker = BadInputWalker.at(base.toString())
                .pathValue("id", agreement).pathValue("agreementId", agreement)
                .pathValue("projectId", project).pathValue("obligationId", obligation).pathValue("country", "CD")
                .header("Authorization", "Bearer " + TestTokens.admin())
                .fingerprint(db::fingerprint);
        List<BadInputWalker.Violation> violations = walker.walk();
        assertTrue(violations.isEmpty(), violations.size() + " of " + walker.requests() + " requests broke the rules:\n"
                + violations.stream().map(Object::toString).collect(Collectors.joining("\n")));
    }

    /**
     * A body behind a transfer coding the service cannot read (the platform's request limits, as in the gateway):
     * refused with a problem, the connection closed, nothing stored, and what followed on the connection never read
     * as a request of its own.
     */
    @Test
    void aTransferEncodingWithoutAReadableBodyIsRefusedAndTheConnectionClosed() throws Exception {
        String auth = "Authorization: Bearer " + TestTokens.admin() + "\r\n";
        String before = db.fingerprint();
        String reply = RawHttp.exchange(base.toURI(), "POST /api/v1/agreements HTTP/1.1\r\nHost: svc\r\n" + auth
                + "Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n\r\n"
                + "DELETE /api/v1/agreements/00000000-0000-0000-0000-000000000000 HTTP/1.1\r\nHost: svc\r\n" + auth
                + "\r\n");
        assertEquals(List.of("HTTP/1.1 400 Bad Request"), RawHttp.statusLines(reply), reply);
        assertTrue(reply.toLowerCase().contains("content-type: application/problem+json"), reply);
        assertEquals("urn:mfs:problem:transfer-encoding-not-chunked",
                new JsonObject(RawHttp.body(reply)).getString("type"));
        // what follows is dropped before anything else looks at it: not even a 401 for a request without a token
        reply = RawHttp.exchange(base.toURI(), "POST /api/v1/agreements HTTP/1.1\r\nHost: svc\r\n" + auth
                + "Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n\r\n"
                + "GET /api/v1/agreements HTTP/1.1\r\nHost: svc\r\n\r\n");
        assertEquals(List.of("HTTP/1.1 400 Bad Request"), RawHttp.statusLines(reply), reply);

        reply = RawHttp.exchange(base.toURI(), "POST /api/v1/agreements HTTP/1.1\r\nHost: svc\r\n" + auth
                + "Content-Type: application/json\r\nTransfer-Encoding: deflate, chunked\r\n\r\n"
                + "5\r\nxxxxx\r\n0\r\n\r\n");
        assertEquals(List.of("HTTP/1.1 501 Not Implemented"), RawHttp.statusLines(reply), reply);
        assertEquals("Transfer-Encoding 'deflate, chunked': only chunked is decoded; send the body without deflate",
                new JsonObject(RawHttp.body(reply)).getString("detail"));
        assertEquals(before, db.fingerprint(), "a refused request changed what is stored");
    }

    /** The platform's answers to a bad query, as a dashboard developer reads them (ADR 0023). */
    @Test
    void aBadQueryParameterIsNamedWithWhatItExpects() {
        given().get("/api/v1/agreements?party=CD&page=two").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("page: 'two' is not a whole number from -2147483648 to 2147483647"))
                .body("errors[0].field", equalTo("page"));
        given().get("/api/v1/agreements?size=99999999999").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        // a misspelt filter would otherwise answer every agreement as if filtered
        given().get("/api/v1/agreements?stauts=SIGNED&limit=5&party=CD").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:mfs:problem:unknown-query-parameter"))
                .body("errors.field", contains("stauts", "limit"))
                .body("detail", equalTo("unknown query parameters stauts, limit; this operation accepts: mineral, page,"
                        + " party, q, signedFrom, signedTo, size, sort, status, type"));
        given().get("/api/v1/agreements/00000000-0000-0000-0000-000000000000?fields=title").then().statusCode(400)
                .body("detail", equalTo("unknown query parameter fields; this operation accepts: asOf"));
        given().urlEncodingEnabled(false).get("/api/v1/agreements?party=CD&mineral=a%00b").then().statusCode(400)
                .body("type", equalTo("urn:mfs:problem:nul-character"))
                .body("errors.field", contains("mineral"));
    }

    @Test
    void aQueryTheServiceWouldReadDifferentlyFromTheClientIsRefused() {
        // ';' splits parameters for the service's parser, not for browsers: bogus passed the unknown-parameter check
        given().urlEncodingEnabled(false).get("/api/v1/agreements?sort=title;bogus=1").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:mfs:problem:semicolon-in-uri"))
                .body("detail", equalTo("query parameter sort holds ';' at character 30: separate parameters with"
                        + " '&'; send a ';' that belongs to a value as %3B"))
                .body("errors.field", contains("sort"));
        // percent-encoded, it is a character of the value like any other
        given().urlEncodingEnabled(false).get("/api/v1/agreements?q=a%3Bb").then().statusCode(200);
        // invalid UTF-8 was searched for as U+FFFD
        given().urlEncodingEnabled(false).get("/api/v1/agreements?q=%C3%28").then().statusCode(400)
                .body("type", equalTo("urn:mfs:problem:malformed-uri"))
                .body("errors.field", contains("q"));
        // JAX-RS takes the first of two values and drops the other
        given().get("/api/v1/agreements?size=1&party=CD&size=50").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("size: takes one value and is given more than once"))
                .body("errors.field", contains("size"));
        // a list parameter is given once per value
        given().get("/api/v1/agreements?status=SIGNED&status=IN_FORCE").then().statusCode(200);
    }

    @Test
    void anIdempotencyKeyGivenTwiceIsRefusedAndNothingIsCreated() {
        long before = given().get("/api/v1/agreements?size=1").then().statusCode(200).extract().jsonPath().getLong("total");
        // which key would a retry be matched against? each reader takes the one it likes
        given().header("Idempotency-Key", "first").header("Idempotency-Key", "second").contentType("application/json")
                .body(EventTraceTest.body("Keyed twice")).post("/api/v1/agreements").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:mfs:problem:repeated-header"))
                .body("detail", equalTo("The header Idempotency-Key is given 2 times; it takes one value, so send it once"));
        given().get("/api/v1/agreements?size=1").then().body("total", equalTo((int) before));
        // the same body with one key is created
        given().header("Idempotency-Key", "once-" + java.util.UUID.randomUUID()).contentType("application/json")
                .body(EventTraceTest.body("Keyed twice")).post("/api/v1/agreements").then().statusCode(201);
        given().get("/api/v1/agreements?size=1").then().body("total", equalTo((int) before + 1));
    }
}
