package org.mfs.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.TestOidcResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.Headers;

/**
 * A partner dashboard in a browser, served from a configured origin ({@code GATEWAY_CORS_ORIGINS}; the test
 * profile allows {@value #DASHBOARD}), calls the API across origins; any other origin is refused before anything is
 * forwarded.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamStubs.class)
@QuarkusTestResource(TestOidcResource.class)
class CorsTest extends SignedInAsAdmin {

    static final String DASHBOARD = "https://dashboard.example.org";

    @Test
    void aPreflightFromAConfiguredOriginIsAnsweredWithoutATokenAndNotForwarded() {
        given().auth().none().header("Origin", DASHBOARD).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .when().options("/api/v1/agreements")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", DASHBOARD)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"))
                .header("Access-Control-Allow-Headers", containsString("If-Match"))
                .header("Access-Control-Max-Age", "3600")
                // the gateway answered it: the stub service would have described the request in a body
                .body(emptyOrNullString());
    }

    @Test
    void answersToAConfiguredOriginLetTheDashboardReadThemErrorsIncluded() {
        // a forwarded answer: the dashboard may read the body and the headers it needs (Location, ETag, X-Request-Id)
        given().header("Origin", DASHBOARD)
                .when().get("/api/v1/agreements/a-1")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", DASHBOARD)
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"))
                .header("Access-Control-Expose-Headers", containsString("Location"))
                .header("Access-Control-Expose-Headers", containsString("Retry-After"))
                .body("service", equalTo("agreements-service"));
        // the answer depends on the Origin, so a cache keeps one per origin; the service's own Vary stays
        Headers headers = given().header("Origin", DASHBOARD).header("X-Stub-Reply-Vary", "Accept")
                .when().get("/api/v1/agreements/a-1").then().statusCode(200).extract().headers();
        assertEquals(List.of("Origin", "Accept"), headers.getValues("Vary"));
        // the gateway's own problems too, or the dashboard would only see "a network error"
        given().auth().none().header("Origin", DASHBOARD)
                .when().get("/api/v1/agreements/a-1")
                .then().statusCode(401)
                .header("Access-Control-Allow-Origin", DASHBOARD)
                .contentType("application/problem+json");
        given().header("Origin", DASHBOARD).header("X-Stub-Status", "404")
                .when().get("/api/v1/minerals/commodities/nope")
                .then().statusCode(404)
                .header("Access-Control-Allow-Origin", DASHBOARD);
        given().header("Origin", DASHBOARD).header("X-Stub-Delay-Ms", "1500")
                .when().get("/api/v1/minerals/commodities/slow")
                // 504 (no answer within the response timeout), or 503 should an earlier test have left the breaker open
                .then().statusCode(anyOf(is(504), is(503)))
                .header("Access-Control-Allow-Origin", DASHBOARD)
                .contentType("application/problem+json");
    }

    @Test
    void anotherOriginIsRefusedAndItsWriteNeverReachesTheService() {
        // a page of another site holding a user's token must not write through the user's browser
        given().header("Origin", "https://elsewhere.example").contentType("application/json")
                .body("{\"title\": \"written from another site\"}")
                .when().post("/api/v1/agreements")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:mfs:problem:cors-refused"))
                .body("status", equalTo(403))
                .body("detail", containsString("Origin https://elsewhere.example may not call the API from a browser"))
                .body("detail", containsString("GATEWAY_CORS_ORIGINS"))
                .header("Access-Control-Allow-Origin", nullValue())
                // the stub service answers every request it receives with a description of it
                .body(not(containsString("agreements-service")));
        given().auth().none().header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "DELETE")
                .when().options("/api/v1/agreements/a-1")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
        // an origin that merely starts like the configured one is another origin
        given().header("Origin", DASHBOARD + ".attacker.example")
                .when().get("/api/v1/agreements/a-1")
                .then().statusCode(403)
                .body("detail", containsString(DASHBOARD + ".attacker.example"));
        // so is the gateway's own host on another port or scheme
        given().header("Origin", "http://localhost:" + (RestAssured.port + 1))
                .when().get("/api/v1/agreements/a-1")
                .then().statusCode(403);
        given().header("Origin", "https://localhost:" + RestAssured.port)
                .when().get("/api/v1/agreements/a-1")
                .then().statusCode(403);
        // a page the gateway serves itself (Swagger UI) is of the gateway's own origin
        given().header("Origin", "http://localhost:" + RestAssured.port).contentType("application/json")
                .body("{\"title\": \"from the gateway's own page\"}")
                .when().post("/api/v1/agreements")
                .then().statusCode(200)
                .body("service", equalTo("agreements-service"));
        // clients that are not browsers send no Origin and are not concerned
        given().when().get("/api/v1/agreements/a-1")
                .then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aMethodTheConfigurationDoesNotAllowIsRefusedNamingIt() {
        given().auth().none().header("Origin", DASHBOARD).header("Access-Control-Request-Method", "PURGE")
                .when().options("/api/v1/agreements/a-1")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("Method PURGE may not be used from a browser"))
                .body("detail", containsString("PATCH"));
        given().header("Origin", DASHBOARD)
                .when().head("/api/v1/agreements/a-1")
                .then().statusCode(403);
        // the same method from a client that is not a browser is forwarded
        given().when().head("/api/v1/agreements/a-1")
                .then().statusCode(200);
    }
}
