package org.mfs.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

@QuarkusTest
@QuarkusTestResource(UpstreamStubs.class)
class MergedOpenApiTest extends SignedInAsAdmin {


    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode merged(String query) throws IOException {
        String body = given().when().get("/q/openapi" + query)
                .then().statusCode(200).contentType(containsString("application/json"))
                .extract().asString();
        return JSON.readTree(body);
    }

    @Test
    void mergedDocumentDescribesTheSuiteBehindTheGateway() throws IOException {
        for (String query : List.of("", "?format=json")) {
            JsonNode merged = merged(query);
            assertEquals("Minerals-for-security suite API", merged.at("/info/title").asText());
            assertEquals("/", merged.at("/servers/0/url").asText());
            assertEquals(1, merged.path("servers").size());
        }
    }

    @Test
    void everyPathAndOperationOfEveryServedDocumentIsMerged() throws IOException {
        JsonNode merged = merged("");
        for (Map.Entry<String, JsonObject> served : UpstreamStubs.SERVED_DOCUMENTS.entrySet()) {
            JsonNode document = JSON.readTree(served.getValue().encode());
            assertContains(merged, document, served.getKey());
        }
        assertEquals(List.of(), OpenApiDocuments.danglingRefs(merged), "every $ref resolves");
        assertTrue(merged.path("x-merge-conflicts").isMissingNode(),
                "the services' documents must merge without conflicts: " + merged.path("x-merge-conflicts"));
    }

    @Test
    void unreachableServiceIsListedAndTheOthersStillMerge() throws IOException {
        JsonNode merged = merged("?format=json");
        assertEquals("[\"retired-service\"]", merged.path("x-unavailable-services").toString());
        assertTrue(merged.path("paths").size() >= 3, "the three reachable services' paths are there");
        assertTrue(merged.at("/info/description").asText().contains("agreements-service"));
    }

    /** Runs against the committed snapshots; skipped (not passed) while a service has not committed its snapshot. */
    @ParameterizedTest
    @ValueSource(strings = { "agreements-service", "minerals-service", "security-cooperation-service" })
    void committedSnapshotOfServiceIsFullyMerged(String service) throws IOException {
        Path snapshot = UpstreamStubs.snapshot(service);
        assumeTrue(Files.exists(snapshot), "no OpenAPI snapshot committed yet at " + snapshot.normalize());
        JsonNode document = JSON.readTree(snapshot.toFile());
        assertTrue(OpenApiDocuments.paths(document).size() > 0, snapshot + " has no paths");
        assertContains(merged(""), document, service);
    }

    @Test
    void theGatewaysOwnOverviewIsMergedWithTheServicesSchemasItNames() throws IOException {
        JsonNode merged = merged("");
        JsonNode operation = merged.path("paths").path("/api/v1/overview/agreements/{id}").path("get");
        assertEquals("getAgreementOverview", operation.path("operationId").asText(), merged.path("paths").toString());
        assertEquals("#/components/schemas/AgreementOverview",
                operation.at("/responses/200/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/Problem",
                operation.at("/responses/404/content/application~1problem+json/schema/$ref").asText());
        assertEquals("#/components/schemas/SecurityTotalsRow",
                merged.at("/components/schemas/OverviewSecurity/properties/totalsByCategory/items/$ref").asText());
        assertTrue(merged.at("/components/schemas/SecurityTotalsRow").isObject(), "named by the overview, owned by the service");
        assertEquals(List.of(), OpenApiDocuments.danglingRefs(merged), "every $ref resolves");
        assertTrue(merged.path("x-merge-conflicts").isMissingNode(), merged.path("x-merge-conflicts").toString());
        // the gateway's own limits answer its own operation too (a walk through the gateway found 414 and 431 missing)
        for (String status : List.of("406", "413", "414", "429", "431")) {
            assertEquals("#/components/schemas/Problem", operation.at("/responses/" + status
                    + "/content/application~1problem+json/schema/$ref").asText(), status);
        }
    }

    /** The gateway's own document is committed like the services' (rewrite: -Dmfs.openapi.update=true). */
    @Test
    void gatewayOwnDocumentMatchesItsCommittedSnapshot() {
        String own = given().when().get("/q/gateway-openapi?format=json").then().statusCode(200).extract().asString();
        org.mfs.platform.infra.OpenApiSnapshot.assertMatches(own);
    }

    @Test
    void mergedDocumentIsCachedBetweenRequests() throws IOException {
        merged("");
        int before = UpstreamStubs.OPENAPI_FETCHES.get();
        merged("");
        merged("?format=json");
        assertEquals(before, UpstreamStubs.OPENAPI_FETCHES.get(), "no service asked again within the cache TTL");
    }

    @Test
    void yamlOnRequest() {
        given().when().get("/q/openapi?format=yaml")
                .then().statusCode(200).contentType(containsString("application/yaml"))
                .body(containsString("title: \"Minerals-for-security suite API\""));
    }

    @Test
    void swaggerUiShowsTheMergedDocument() {
        given().when().get("/q/swagger-ui")
                .then().statusCode(200)
                .body(containsString("/q/openapi"))
                .body(not(containsString("/q/gateway-openapi")));
    }

    private static void assertContains(JsonNode merged, JsonNode document, String service) {
        for (String path : OpenApiDocuments.paths(document)) {
            assertTrue(merged.path("paths").has(path), service + " path " + path + " missing from the merged document");
        }
        List<String> mergedIds = OpenApiDocuments.operationIds(merged);
        for (String id : OpenApiDocuments.operationIds(document)) {
            assertTrue(mergedIds.contains(id), service + " operationId " + id + " missing from the merged document");
        }
    }
}
