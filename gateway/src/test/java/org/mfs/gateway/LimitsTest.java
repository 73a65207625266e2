package org.mfs.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.RawHttp;
import org.mfs.platform.infra.TestOidcResource;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** What the gateway itself answers: body, URI and header limits, paths it does not serve, the correlation id. */
@QuarkusTest
@QuarkusTestResource(UpstreamStubs.class)
@QuarkusTestResource(TestOidcResource.class)
class LimitsTest extends SignedInAsAdmin {


    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void bodyOverTheRouteLimitIsPayloadTooLargeProblemAndNeverReachesTheService() {
        byte[] body = UpstreamStubs.payload(1024 * 1024 + 1);
        given().contentType("application/json").body(body)
                .when().post("/api/v1/agreements")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:mfs:problem:payload-too-large"))
                .body("detail", equalTo("The request body exceeds 1 MiB, the limit for POST /api/v1/agreements"));
        // exactly at the limit it goes through
        given().contentType("application/json").body(UpstreamStubs.payload(1024 * 1024))
                .when().post("/api/v1/agreements")
                .then().statusCode(200).body("bodyLength", equalTo(1024 * 1024));
    }

    @Test
    void chunkedBodyOverTheLimitIsPayloadTooLargeToo() throws Exception {
        // no Content-Length: the gateway counts while streaming and stops at the limit
        byte[] body = UpstreamStubs.payload(3 * 1024 * 1024);
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(gateway.resolve("/api/v1/minerals/commodities"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TestTokens.admin())
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("urn:mfs:problem:payload-too-large", new JsonObject(response.body()).getString("type"));

        // the connection to the service that carried the first MiB is not reused with half a request on the wire:
        // every following request to that service gets its own answer (it used to be a 502 for one of them)
        for (int i = 0; i < 20; i++) {
            given().contentType("application/json").body("{\"n\":" + i + "}")
                    .when().post("/api/v1/minerals/commodities")
                    .then().statusCode(200).body("body", equalTo("{\"n\":" + i + "}"));
        }
    }

    @Test
    void aTransferEncodingWithoutAReadableBodyIsRefusedAndTheConnectionClosed() throws Exception {
        String auth = "Authorization: Bearer " + TestTokens.admin() + "\r\n";
        // gzip alone: the body's length cannot be known. The codec would read the body as empty, forward a bodiless
        // POST and then read the bytes that follow as the client's next request
        String reply = RawHttp.exchange(gateway, "POST /api/v1/agreements HTTP/1.1\r\nHost: gw\r\n" + auth
                + "Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n\r\n"
                + "GET /api/v1/minerals/smuggled HTTP/1.1\r\nHost: gw\r\n" + auth + "\r\n");
        assertEquals(List.of("HTTP/1.1 400 Bad Request"), RawHttp.statusLines(reply), reply);
        assertTrue(reply.toLowerCase().contains("content-type: application/problem+json"), reply);
        JsonObject problem = new JsonObject(RawHttp.body(reply));
        assertEquals("urn:mfs:problem:transfer-encoding-not-chunked", problem.getString("type"));
        assertEquals("Transfer-Encoding 'gzip' does not end with chunked, so the body's length cannot be known; send"
                + " the body with Content-Length or with Transfer-Encoding: chunked", problem.getString("detail"));

        // chunked after a coding nobody decodes: 501, and the body never reaches the service
        reply = RawHttp.exchange(gateway, "POST /api/v1/agreements HTTP/1.1\r\nHost: gw\r\n" + auth
                + "Content-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
        assertEquals(List.of("HTTP/1.1 501 Not Implemented"), RawHttp.statusLines(reply), reply);
        problem = new JsonObject(RawHttp.body(reply));
        assertEquals("urn:mfs:problem:transfer-encoding-not-supported", problem.getString("type"));
        assertEquals("Transfer-Encoding 'gzip, chunked': only chunked is decoded; send the body without gzip",
                problem.getString("detail"));

        // plain chunked goes through as before (the stub answers with what it received)
        reply = RawHttp.exchange(gateway, "POST /api/v1/agreements HTTP/1.1\r\nHost: gw\r\n" + auth
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "2\r\n{}\r\n0\r\n\r\n");
        assertEquals(List.of("HTTP/1.1 200 OK"), RawHttp.statusLines(reply), reply);
        assertTrue(reply.contains("\"body\":\"{}\""), reply);
    }

    @Test
    void aTargetTheServicesWouldReadDifferentlyIsRefusedByTheGatewayItself() throws Exception {
        String auth = "Authorization: Bearer " + TestTokens.admin() + "\r\n";
        // each used to reach the service (';' split there into another parameter) or get an empty 400
        String[][] cases = {
                { "/api/v1/agreements?party=CD&sort=title;size=500", "semicolon-in-uri",
                        "query parameter sort holds ';' at character 39: separate parameters with '&'; send a ';' that"
                                + " belongs to a value as %3B", "sort" },
                { "/api/v1/minerals;x/commodities", "semicolon-in-uri",
                        "the path holds ';' at character 17: no operation takes path (matrix) parameters; send a ';'"
                                + " that belongs to a value as %3B", null },
                { "/api/v1/agreements?q=%C3%28", "malformed-uri",
                        "query parameter q: the bytes %C3%28 at character 22 are not UTF-8; percent-encode text as its"
                                + " UTF-8 bytes", "q" },
                { "/api/v1/agreements?q=caf\u00c3\u00a9", "malformed-uri",
                        "query parameter q: the byte 0xC3 at character 25 must be percent-encoded; send text as"
                                + " percent-encoded UTF-8", "q" } };
        for (String[] c : cases) {
            RawHttp.Reply reply = RawHttp.Reply.of(RawHttp.exchange(gateway, "GET " + c[0] + " HTTP/1.1\r\nHost: gw\r\n"
                    + auth + "Connection: close\r\n\r\n"));
            assertEquals(400, reply.status(), c[0] + " " + reply);
            assertEquals("application/problem+json", reply.header("Content-Type").orElse(""), c[0]);
            JsonObject problem = new JsonObject(reply.body());
            assertEquals("urn:mfs:problem:" + c[1], problem.getString("type"), c[0]);
            assertEquals(c[2], problem.getString("detail"), c[0]);
            assertEquals(c[3], problem.containsKey("errors")
                    ? problem.getJsonArray("errors").getJsonObject(0).getString("field") : null, c[0]);
            assertTrue(!reply.body().contains("\"path\""), "the stub service answered: " + reply.body());
        }
        // what java.net.URI cannot parse Quarkus refuses before any handler: an empty 400, never forwarded (ADR 0026)
        RawHttp.Reply reply = RawHttp.Reply.of(RawHttp.exchange(gateway, "GET /api/v1/agreements?q=a%zz HTTP/1.1\r\n"
                + "Host: gw\r\n" + auth + "Connection: close\r\n\r\n"));
        assertEquals(400, reply.status(), reply.toString());
        assertTrue(!reply.body().contains("\"path\""), "the stub service answered: " + reply.body());
        // the same characters percent-encoded are values like any other, and reach the service
        given().urlEncodingEnabled(false).when().get("/api/v1/agreements/a-1?q=a%3Bb%25%C3%A9")
                .then().statusCode(200).body("query", equalTo("q=a%3Bb%25%C3%A9"));
    }

    @Test
    void aHeaderThatTakesOneValueGivenTwiceIsRefused() throws Exception {
        String token = TestTokens.admin();
        String[][] cases = {
                // which token is the caller's? each reader takes the one it likes
                { "Host: gw\r\nAuthorization: Bearer " + token + "\r\nAuthorization: Bearer x.y.z\r\n", "Authorization" },
                { "Host: gw\r\nHost: other\r\nAuthorization: Bearer " + token + "\r\n", "Host" },
                { "Host: gw\r\nAuthorization: Bearer " + token + "\r\nX-Request-Id: a\r\nx-request-id: b\r\n", "X-Request-Id" } };
        for (String[] c : cases) {
            RawHttp.Reply reply = RawHttp.Reply.of(RawHttp.exchange(gateway, "GET /api/v1/agreements/a-1 HTTP/1.1\r\n"
                    + c[0] + "Connection: close\r\n\r\n"));
            assertEquals(400, reply.status(), c[1] + " " + reply);
            JsonObject problem = new JsonObject(reply.body());
            assertEquals("urn:mfs:problem:repeated-header", problem.getString("type"), c[1]);
            assertEquals("The header " + c[1] + " is given 2 times; it takes one value, so send it once",
                    problem.getString("detail"));
        }
        // a header that may hold a list is not one of them
        given().header("Accept", "application/json").header("Accept", "*/*")
                .when().get("/api/v1/agreements/a-1").then().statusCode(200);
    }

    @Test
    void overLongUriIsUriTooLongProblem() {
        given().urlEncodingEnabled(false)
                .when().get("/api/v1/agreements?q=" + "a".repeat(9000))
                .then().statusCode(414)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:mfs:problem:uri-too-long"))
                .body("detail", containsString("at most 8192"));
    }

    @Test
    void overLargeHeadersAreHeaderFieldsTooLargeProblem() {
        given().header("X-Filler", "b".repeat(20_000))
                .when().get("/api/v1/agreements")
                .then().statusCode(431)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:mfs:problem:headers-too-large"))
                .body("detail", containsString("at most 16384"));
    }

    @Test
    void pathsOutsideApiAreNotFoundProblems() {
        for (String path : new String[] { "/", "/index.html", "/apix", "/api", "/q/nothing-here", "/v1/agreements" }) {
            given().when().get(path)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:mfs:problem:not-found"))
                    .body("status", equalTo(404));
        }
        given().contentType("application/json").body("{}").when().post("/anything")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void correlationIdIsGeneratedPassedOnAndReturned() {
        String generated = given().when().get("/api/v1/agreements/a-1")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern(UUID))
                .extract().header("X-Request-Id");
        // the service saw the same id
        given().header("X-Request-Id", "dash-42.a:b_c")
                .when().get("/api/v1/agreements/a-1")
                .then().statusCode(200)
                .header("X-Request-Id", "dash-42.a:b_c")
                .body("headers.'x-request-id'", equalTo("dash-42.a:b_c"));
        assertTrue(!generated.equals(given().when().get("/api/v1/agreements/a-1").header("X-Request-Id")));
        // also on the gateway's own answers
        given().when().get("/api/v1/nowhere").then().statusCode(404).header("X-Request-Id", matchesPattern(UUID));
    }

    @Test
    void malformedCorrelationIdIsBadRequest() {
        for (String bad : new String[] { "has space", "x".repeat(129), "semi;colon", "" }) {
            given().header("X-Request-Id", bad)
                    .when().get("/api/v1/agreements/a-1")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("X-Request-Id"));
        }
    }
}
