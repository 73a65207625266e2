package org.mfs.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.TestOidcResource;
import org.mfs.platform.infra.SignedInAsAdmin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(UpstreamStubs.class)
@QuarkusTestResource(TestOidcResource.class)
class RoutingTest extends SignedInAsAdmin {


    @Test
    void getIsForwardedUnchangedWithForwardedHeaders() {
        given().header("X-Custom", "kept").header("Accept", "application/json")
                .urlEncodingEnabled(false)
                .when().get("/api/v1/agreements/a-17/parties?page=2&size=5&q=a%20b")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("service", equalTo("agreements-service"))
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/v1/agreements/a-17/parties?page=2&size=5&q=a%20b"))
                .body("query", equalTo("page=2&size=5&q=a%20b"))
                .body("headers.'x-custom'", equalTo("kept"))
                .body("headers.accept", equalTo("application/json"))
                .body("headers.'x-forwarded-for'", equalTo("127.0.0.1"))
                .body("headers.'x-forwarded-proto'", equalTo("http"))
                .body("headers.'x-forwarded-host'", equalTo("localhost:" + RestAssured.port))
                // the upstream sees its own authority, not the gateway's
                .body("headers.host", matchesPattern("127\\.0\\.0\\.1:\\d+"))
                .body("headers.host", not(equalTo("localhost:" + RestAssured.port)));
    }

    @Test
    void forwardingAndIdentityHeadersOfAnUntrustedClientAreReplaced() {
        given().header("X-Forwarded-For", "203.0.113.7").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Port", "443")
                .header("Forwarded", "for=203.0.113.7;host=evil.example;proto=https")
                .header("X-Actor", "admin")
                .when().get("/api/v1/minerals/m-1")
                .then().statusCode(200)
                .body("headers.'x-forwarded-for'", equalTo("127.0.0.1"))
                .body("headers.'x-forwarded-proto'", equalTo("http"))
                .body("headers.'x-forwarded-host'", equalTo("localhost:" + RestAssured.port))
                .body("headers.'x-forwarded-port'", nullValue())
                .body("headers.forwarded", nullValue())
                .body("headers.'x-actor'", nullValue());
    }

    @Test
    void eachPrefixGoesToItsService() {
        given().when().get("/api/v1/minerals").then().statusCode(200).body("service", equalTo("minerals-service"));
        given().when().get("/api/v1/security-cooperation/programmes/p-1").then().statusCode(200)
                .body("service", equalTo("security-cooperation-service"))
                .body("path", equalTo("/api/v1/security-cooperation/programmes/p-1"));
    }

    @Test
    void postWithJsonBodyPassesStatusLocationAndEtagBack() {
        String json = "{\"title\":\"Lithium offtake\",\"parties\":[{\"country\":\"DE\"},{\"country\":\"AU\"}],\"note\":\"é ✓\"}";
        given().contentType(ContentType.JSON).body(json)
                .header("Idempotency-Key", "k-123")
                .header("X-Stub-Status", "201")
                .header("X-Stub-Reply-Location", "/api/v1/agreements/a-99")
                .header("X-Stub-Reply-ETag", "\"3\"")
                .when().post("/api/v1/agreements")
                .then().statusCode(201)
                .header("Location", "/api/v1/agreements/a-99")
                .header("ETag", "\"3\"")
                .contentType(ContentType.JSON)
                .body("method", equalTo("POST"))
                .body("path", equalTo("/api/v1/agreements"))
                .body("headers.'idempotency-key'", equalTo("k-123"))
                .body("headers.'content-type'", containsString("application/json"))
                .body("body", equalTo(json));
    }

    @Test
    void problemResponsesOfServicesPassThroughUnchanged() {
        String problem = "{\"type\":\"urn:mfs:problem:version-mismatch\",\"title\":\"Precondition Failed\",\"status\":412}";
        String body = given().contentType("application/problem+json").body(problem)
                .header("If-Match", "\"2\"")
                .header("X-Stub-Status", "412").header("X-Stub-Echo-Body", "true")
                .when().put("/api/v1/agreements/a-1")
                .then().statusCode(412)
                .contentType("application/problem+json")
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(problem, body);

        given().header("X-Stub-Status", "404").header("X-Stub-Reply-Content-Type", "application/problem+json")
                .when().get("/api/v1/minerals/unknown-id")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("service", equalTo("minerals-service"));
    }

    @Test
    void largeBodiesStreamUnchangedBothWays() {
        // the statistics import has its own, larger body limit (512 MiB instead of 1 MiB)
        byte[] upload = UpstreamStubs.payload(8 * 1024 * 1024 + 13);
        byte[] echoed = given().contentType("application/octet-stream").body(upload)
                .header("X-Stub-Echo-Body", "true")
                .when().post("/api/v1/minerals/statistics/imports?format=USGS_MCS")
                .then().statusCode(200).contentType("application/octet-stream")
                .extract().asByteArray();
        assertArrayEquals(upload, echoed);

        int size = 5 * 1024 * 1024 + 7;
        byte[] download = given().header("X-Stub-Response-Bytes", String.valueOf(size))
                .when().get("/api/v1/minerals/exports/all")
                .then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(UpstreamStubs.payload(size), download);
    }

    @Test
    void hopByHopHeadersAreNotForwarded() {
        given().header("Proxy-Authorization", "Basic c2VjcmV0")
                .header("X-Stub-Reply-Proxy-Authenticate", "Basic")
                .header("X-Stub-Reply-Keep-Alive", "timeout=5")
                .header("X-Stub-Reply-Connection", "X-Hop-Only")
                .header("X-Stub-Reply-X-Hop-Only", "1")
                .header("X-Stub-Reply-X-End-To-End", "2")
                .when().get("/api/v1/agreements/a-1")
                .then().statusCode(200)
                .header("X-End-To-End", "2")
                .header("Proxy-Authenticate", nullValue())
                .header("Keep-Alive", nullValue())
                .header("X-Hop-Only", nullValue())
                .body("headers.'proxy-authorization'", nullValue())
                .body("headers.'x-stub-reply-x-end-to-end'", equalTo("2"));
    }

    @Test
    void unknownApiPathIsNotFoundProblem() {
        for (String path : new String[] { "/api/v2/agreements/a-1", "/api/v1/agreementsX", "/api/v1/unknown" }) {
            given().when().get(path)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:mfs:problem:not-found"))
                    .body("status", equalTo(404))
                    .body("detail", containsString(path))
                    .body("$", org.hamcrest.Matchers.aMapWithSize(5));
        }
    }

    @Test
    void serviceDownIsServiceUnavailableProblemNamingIt() {
        given().contentType(ContentType.JSON).body("{\"a\":1}")
                .when().post("/api/v1/retired/things")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"))
                .body("$", equalTo(Map.of(
                        "type", "urn:mfs:problem:upstream-unavailable",
                        "title", "Upstream service unavailable",
                        "status", 503,
                        "detail", "retired-service is not reachable; the request was not delivered",
                        "instance", "/api/v1/retired/things")));
    }

    @Test
    void slowServiceIsGatewayTimeoutProblemAfterItsResponseTimeout() {
        long started = System.nanoTime();
        given().header("X-Stub-Delay-Ms", "5000")
                .when().get("/api/v1/minerals/slow")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:mfs:problem:upstream-timeout"))
                .body("status", equalTo(504))
                .body("detail", equalTo("minerals-service did not answer within 1 s; the request may or may not have been"
                        + " applied: retry it with the same Idempotency-Key"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        org.junit.jupiter.api.Assertions.assertTrue(millis >= 900 && millis < 3000, "answered after " + millis + " ms");
    }

    @Test
    void gatewayIsReadyAndReportsUpstreamsAsData() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'agreements-service'", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'minerals-service'", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'security-cooperation-service'", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'retired-service'", equalTo("UNREACHABLE"));
    }
}
