package org.mfs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.mfs.gateway.openapi.OpenApiMerger;
import org.mfs.gateway.openapi.OpenApiMerger.Source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Merge edge cases on two hand-made documents: a shared Problem schema, a conflicting Money schema, a reused operationId. */
class OpenApiMergerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode a = read("edge-a.json");
    private final ObjectNode b = read("edge-b.json");
    private final ObjectNode merged = new OpenApiMerger("Suite", "9.9", "/")
            .merge(List.of(new Source("edge-a-service", a), new Source("edge-b-service", b)), List.of("gone-service"));

    @Test
    void suiteInfoServersAndUnavailableServices() {
        assertEquals("3.1.0", merged.path("openapi").asText());
        assertEquals("Suite", merged.at("/info/title").asText());
        assertEquals("9.9", merged.at("/info/version").asText());
        assertEquals("/", merged.at("/servers/0/url").asText());
        assertEquals(1, merged.path("servers").size(), "service servers are replaced by the gateway");
        assertEquals(List.of("gone-service"), texts(merged.path("x-unavailable-services")));
    }

    @Test
    void everyPathAndOperationOfEveryDocumentIsKept() {
        for (ObjectNode source : List.of(a, b)) {
            for (String path : OpenApiDocuments.paths(source)) {
                assertTrue(merged.path("paths").has(path), path);
            }
            assertTrue(OpenApiDocuments.operationIds(merged).containsAll(OpenApiDocuments.operationIds(source)));
        }
        assertEquals(List.of(), OpenApiDocuments.danglingRefs(merged));
    }

    @Test
    void identicalSchemasAreSharedAndConflictingOnesKeptUnderTheServiceName() {
        Set<String> schemas = new TreeSet<>();
        merged.at("/components/schemas").fieldNames().forEachRemaining(schemas::add);
        assertEquals(Set.of("Problem", "Money", "Item", "Order", "edge-b-service.Money", "edge-b-service.Item"), schemas);
        assertEquals(a.at("/components/schemas/Money"), merged.at("/components/schemas/Money"));
        assertEquals(b.at("/components/schemas/Money"), merged.at("/components/schemas/edge-b-service.Money"));
        // edge-b's references follow its own Money, also through its Item (identical text, different meaning)
        assertEquals("#/components/schemas/edge-b-service.Money", merged.at("/components/schemas/Order/properties/total/$ref").asText());
        assertEquals("#/components/schemas/edge-b-service.Item", merged.at("/components/schemas/Order/properties/item/$ref").asText());
        assertEquals("#/components/schemas/edge-b-service.Money",
                merged.at("/components/schemas/edge-b-service.Item/properties/price/$ref").asText());
        assertEquals("#/components/schemas/Money", merged.at("/components/schemas/Item/properties/price/$ref").asText());
        // the shared response and Problem schema are kept once, untouched
        assertEquals(a.at("/components/responses/NotFound"), merged.at("/components/responses/NotFound"));
        assertEquals(a.at("/components/schemas/Problem"), merged.at("/components/schemas/Problem"));
    }

    @Test
    void conflictsAreReportedNotSilentlyOverwritten() {
        List<String> conflicts = new ArrayList<>();
        merged.path("x-merge-conflicts").forEach(c -> conflicts.add(c.path("kind").asText() + " " + c.path("name").asText()
                + " " + texts(c.path("services"))));
        assertEquals(List.of(
                "component schemas/Money [edge-a-service, edge-b-service]",
                "component schemas/Item [edge-a-service, edge-b-service]",
                "operationId edgeAListItems [edge-a-service, edge-b-service]"), conflicts);
    }

    @Test
    void tagsAreMergedByName() {
        assertEquals(List.of("Items", "Orders"), texts(merged.path("tags").findValues("name")));
    }

    @Test
    void inputsAreNotModifiedAndCleanDocumentsGiveNoConflicts() {
        assertEquals(read("edge-b.json"), b);
        ObjectNode alone = new OpenApiMerger("Suite", "1", "/").merge(List.of(new Source("edge-a-service", a)), List.of());
        assertTrue(alone.path("x-merge-conflicts").isMissingNode());
        assertTrue(alone.path("x-unavailable-services").isMissingNode());
    }

    private static List<String> texts(Iterable<JsonNode> nodes) {
        List<String> texts = new ArrayList<>();
        nodes.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static ObjectNode read(String name) {
        try (InputStream in = OpenApiMergerTest.class.getResourceAsStream("/openapi/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
