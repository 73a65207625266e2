package org.mfs.minerals;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.OpenApiSnapshot;
import org.mfs.platform.infra.RealInfraTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The committed OpenAPI document (src/main/openapi-snapshot/openapi.json) must equal the live one, so every API
 * change shows in a diff. Regenerate it with:
 * {@code ./mvnw -B -o install -pl minerals-service -Dtest=OpenApiSnapshotTest -Dmfs.openapi.update=true}
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "minerals"))
class OpenApiSnapshotTest extends SignedInAsAdmin {


    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theCommittedDocumentIsTheLiveOne() {
        OpenApiSnapshot.assertMatches(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void everyOperationHasAUniquePrefixedIdATagASummaryAndProblemErrors() throws Exception {
        JsonNode doc = MAPPER.readTree(given().queryParam("format", "json").get("/q/openapi").asString());
        Set<String> ids = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            assertTrue(path.getKey().startsWith("/api/v1/minerals/"), path.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!(op.getValue() instanceof ObjectNode o) || !o.has("responses")) {
                    continue;
                }
                String where = op.getKey() + " " + path.getKey();
                String id = o.path("operationId").asText();
                assertTrue(id.matches("^[a-z]+Mineral.*"), where + " operationId " + id + " lacks the Mineral prefix");
                assertTrue(ids.add(id), "duplicate operationId " + id);
                assertTrue(o.path("tags").size() > 0, where + " has no tag");
                assertTrue(!o.path("summary").asText().isBlank(), where + " has no summary");
                o.get("responses").fields().forEachRemaining(r -> {
                    if (r.getKey().startsWith("4")) {
                        assertTrue(r.getValue().path("content").has("application/problem+json"),
                                where + " " + r.getKey() + " is not documented as problem+json");
                    }
                });
            }
        }
        assertTrue(ids.size() >= 25, "only " + ids.size() + " operations");
    }
}
