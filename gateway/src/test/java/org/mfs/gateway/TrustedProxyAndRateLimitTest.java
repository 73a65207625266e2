package org.mfs.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.TestOidcResource;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The gateway behind a trusted proxy (the test client's 127.0.0.1): that proxy's forwarding headers are kept and
 * extended; the rate limit applies per caller, the token's subject.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamStubs.class)
@QuarkusTestResource(TestOidcResource.class)
@TestProfile(TrustedProxyAndRateLimitTest.BehindProxy.class)
class TrustedProxyAndRateLimitTest extends SignedInAsAdmin {


    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mfs.gateway.trusted-proxies", "10.0.0.0/8,127.0.0.1",
                    "mfs.gateway.rate-limit.enabled", "true",
                    "mfs.gateway.rate-limit.requests-per-second", "1",
                    "mfs.gateway.rate-limit.burst", "3");
        }
    }

    @Test
    void forwardingHeadersOfATrustedProxyAreKeptAndExtended() {
        given().header("X-Forwarded-For", "198.51.100.1, 10.1.2.3").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "dashboards.example").header("X-Actor", "admin")
                .when().get("/api/v1/minerals/m-1")
                .then().statusCode(200)
                .body("headers.'x-forwarded-for'", equalTo("198.51.100.1, 10.1.2.3, 127.0.0.1"))
                .body("headers.'x-forwarded-proto'", equalTo("https"))
                .body("headers.'x-forwarded-host'", equalTo("dashboards.example"))
                // identity never comes from a header, whoever sends it
                .body("headers.'x-actor'", equalTo(null));
    }

    @Test
    void eachCallerHasItsOwnRateLimitWithRetryAfter() {
        // the caller is the token's subject, whatever address it comes from
        String first = TestTokens.user("dashboard-one").sign();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(first).header("X-Forwarded-For", "198.51.100." + (20 + i))
                    .when().get("/api/v1/agreements/a-1").then().statusCode(200);
        }
        given().auth().oauth2(first).header("X-Forwarded-For", "198.51.100.23")
                .when().get("/api/v1/agreements/a-1")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("urn:mfs:problem:too-many-requests"))
                .body("detail", containsString("1 requests per second"));
        // another caller from the same address is not limited by the first one's use
        given().auth().oauth2(TestTokens.user("dashboard-two").sign()).header("X-Forwarded-For", "198.51.100.23")
                .when().get("/api/v1/agreements/a-1").then().statusCode(200);
    }
}
