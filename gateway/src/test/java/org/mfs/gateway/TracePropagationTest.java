package org.mfs.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.TestOidcResource;
import org.mfs.platform.infra.SignedInAsAdmin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The gateway continues the client's trace and hands it to the service (ADR 16): the service sees one
 * {@code traceparent}, with the client's trace id and the gateway's span as parent; without one from the client a
 * trace starts at the gateway. The correlation id goes along as before.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamStubs.class)
@QuarkusTestResource(TestOidcResource.class)
class TracePropagationTest extends SignedInAsAdmin {

    static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");


    @Test
    void theServiceGetsTheClientsTraceWithTheGatewaysSpanAsParent() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String clientSpan = "00f067aa0ba902b7";
        String requestId = "trace-" + UUID.randomUUID();
        JsonPath seen = given().header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
                .header("X-Request-Id", requestId)
                .when().post("/api/v1/agreements/a-1/transitions")
                .then().statusCode(200).header("X-Request-Id", requestId).extract().jsonPath();
        String forwarded = seen.getString("headers.traceparent");
        Matcher m = TRACEPARENT.matcher(forwarded);
        assertTrue(m.matches(), "one well-formed traceparent reaches the service, got " + forwarded);
        assertEquals(traceId, m.group(1));
        assertNotEquals(clientSpan, m.group(2), "the parent the service sees is the gateway's span");
        assertEquals(requestId, seen.getString("headers.'x-request-id'"));
    }

    @Test
    void aTraceStartsAtTheGatewayWhenTheClientSentNone() {
        JsonPath first = given().when().get("/api/v1/minerals/m-1").then().statusCode(200).extract().jsonPath();
        JsonPath second = given().when().get("/api/v1/minerals/m-1").then().statusCode(200).extract().jsonPath();
        Matcher a = TRACEPARENT.matcher(first.getString("headers.traceparent"));
        Matcher b = TRACEPARENT.matcher(second.getString("headers.traceparent"));
        assertTrue(a.matches() && b.matches());
        assertNotEquals(a.group(1), b.group(1), "two requests, two traces");
    }

    @Test
    void aMalformedTraceparentStartsANewTraceInsteadOfFailing() {
        JsonPath seen = given().header("traceparent", "00-zzzz-not-hex-01").when().get("/api/v1/minerals/m-2")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(TRACEPARENT.matcher(seen.getString("headers.traceparent")).matches(),
                seen.getString("headers.traceparent"));
    }
}
