package org.mfs.gateway;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Walks OpenAPI documents for the assertions of the tests. */
final class OpenApiDocuments {

    private OpenApiDocuments() {
    }

    static List<String> operationIds(JsonNode document) {
        List<String> ids = new ArrayList<>();
        document.path("paths").forEach(item -> item.fields().forEachRemaining(operation -> {
            if (operation.getValue().has("operationId")) {
                ids.add(operation.getValue().get("operationId").asText());
            }
        }));
        return ids;
    }

    static List<String> paths(JsonNode document) {
        List<String> paths = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(paths::add);
        return paths;
    }

    /** Every local $ref ("#/...") that does not point at anything in the document. */
    static List<String> danglingRefs(JsonNode document) {
        List<String> dangling = new ArrayList<>();
        collect(document, document, dangling);
        return dangling;
    }

    private static void collect(JsonNode root, JsonNode node, List<String> dangling) {
        if (node.isObject() && node.path("$ref").isTextual()) {
            String ref = node.get("$ref").asText();
            if (ref.startsWith("#") && root.at(ref.substring(1)).isMissingNode()) {
                dangling.add(ref);
            }
        }
        node.forEach(child -> collect(root, child, dangling));
    }
}
