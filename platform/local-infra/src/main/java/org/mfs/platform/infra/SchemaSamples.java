package org.mfs.platform.infra;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Values made from the schemas of one OpenAPI document, for {@link BadInputWalker}: a plausible value for a schema
 * (its example, else one built from type, format and bounds), and the hostile values tried on each field.
 */
final class SchemaSamples {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NUL = "\u0000";

    private final JsonNode document;

    SchemaSamples(JsonNode document) {
        this.document = document;
    }

    /** Values no field of that schema may accept: NUL in text, oversized text and arrays, numbers or extreme years as dates. */
    static boolean neverValid(JsonNode schema, String bad) {
        String type = schema.path("type").asText();
        String format = schema.path("format").asText();
        boolean date = format.equals("date") || format.equals("date-time");
        return switch (bad) {
            case "NUL", "text with NUL", "text with half a surrogate pair", "1 MB string" -> type.equals("string");
            case "integer 20250627", "date +999999999-12-31", "date -999999999-01-01", "instant +999999999-12-31T23:59:59Z" -> date;
            case "array of 100,000 elements" -> type.equals("array");
            case "number 1e-1000000000" -> (type.equals("number") && format.isEmpty()) || type.equals("integer");
            default -> false;
        };
    }

    Map<String, JsonNode> badValues(JsonNode schema) {
        Map<String, JsonNode> bad = new LinkedHashMap<>();
        bad.put("NUL", JSON.valueToTree(NUL));
        bad.put("text with NUL", JSON.valueToTree("a" + NUL + "b"));
        // sent escaped (BadInputWalker writes bodies in ASCII): U+D800 alone is no character, UTF-8 cannot encode it
        bad.put("text with half a surrogate pair", JSON.valueToTree("a" + (char) 0xD800 + "b"));
        bad.put("1 MB string", JSON.valueToTree("x".repeat(1 << 20)));
        bad.put("integer 20250627", JSON.valueToTree(20250627));
        bad.put("date +999999999-12-31", JSON.valueToTree("+999999999-12-31"));
        bad.put("date -999999999-01-01", JSON.valueToTree("-999999999-01-01"));
        bad.put("instant +999999999-12-31T23:59:59Z", JSON.valueToTree("+999999999-12-31T23:59:59Z"));
        bad.put("number 1e308", JSON.getNodeFactory().numberNode(new java.math.BigDecimal("1e308")));
        bad.put("number 1e400", JSON.getNodeFactory().numberNode(new java.math.BigDecimal("1e400")));
        // a billion digits after the point: the driver could not bind it, its plain form would fill the heap
        bad.put("number 1e-1000000000", JSON.getNodeFactory().numberNode(new java.math.BigDecimal("1e-1000000000")));
        bad.put("integer 2^63", JSON.getNodeFactory().numberNode(new java.math.BigInteger("9223372036854775808")));
        bad.put("number -1", JSON.valueToTree(-1));
        bad.put("null", JSON.nullNode());
        bad.put("object", JSON.createObjectNode());
        bad.put("empty array", JSON.createArrayNode());
        var huge = JSON.createArrayNode();
        JsonNode item = "array".equals(schema.path("type").asText()) ? sample(schema.path("items"), 2) : JSON.valueToTree("x");
        for (int i = 0; i < 100_000; i++) {
            huge.add(item);
        }
        bad.put("array of 100,000 elements", huge);
        return bad;
    }

    static void set(JsonNode root, String at, JsonNode value) {
        String[] parts = at.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = step(node, parts[i]);
        }
        String last = parts[parts.length - 1];
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).set(last, value);
    }

    private static JsonNode step(JsonNode node, String part) {
        if (part.endsWith("[0]")) {
            return node.get(part.substring(0, part.length() - 3)).get(0);
        }
        return node.get(part);
    }

    /** A plausible value for the schema: its example, else one built from type, format and bounds. */
    JsonNode sample(JsonNode schema, int depth) {
        JsonNode s = schemaOf(schema);
        if (s.has("example")) {
            return s.get("example");
        }
        if (s.has("enum")) {
            return s.get("enum").get(0);
        }
        String type = s.path("type").asText(s.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                var o = JSON.createObjectNode();
                if (depth < 5) {
                    s.path("properties").fields().forEachRemaining(e -> o.set(e.getKey(), sample(e.getValue(), depth + 1)));
                }
                return o;
            }
            case "array" -> {
                var a = JSON.createArrayNode();
                int n = Math.max(1, s.path("minItems").asInt(1));
                for (int i = 0; i < n && depth < 5; i++) {
                    a.add(sample(s.path("items"), depth + 1));
                }
                return a;
            }
            case "integer" -> {
                return JSON.valueToTree(s.path("minimum").asLong(1));
            }
            case "number" -> {
                return JSON.valueToTree(s.path("minimum").asDouble(1));
            }
            case "boolean" -> {
                return JSON.valueToTree(true);
            }
            default -> {
                return JSON.valueToTree(switch (s.path("format").asText()) {
                    case "date" -> "2025-06-27";
                    case "date-time" -> "2025-06-27T10:00:00Z";
                    case "uuid" -> "6f1c1c9e-5b7a-4f7e-9d4a-0c1b2a3d4e5f";
                    case "uri" -> "https://example.org/doc";
                    default -> "x".repeat(Math.max(3, s.path("minLength").asInt(3)));
                });
            }
        }
    }

    /** The schema with $ref, allOf and oneOf/anyOf followed to the object that holds its properties. */
    JsonNode schemaOf(JsonNode schema) {
        JsonNode s = resolve(schema);
        for (String combinator : new String[] { "allOf", "oneOf", "anyOf" }) {
            if (s.has(combinator) && !s.has("properties") && !s.has("type")) {
                var merged = JSON.createObjectNode();
                for (JsonNode part : s.get(combinator)) {
                    JsonNode r = schemaOf(part);
                    r.fields().forEachRemaining(e -> {
                        if (!merged.has(e.getKey())) {
                            merged.set(e.getKey(), e.getValue());
                        }
                    });
                    if (!"allOf".equals(combinator)) {
                        break;
                    }
                }
                s.fields().forEachRemaining(e -> {
                    if (!e.getKey().equals(combinator)) {
                        merged.set(e.getKey(), e.getValue());
                    }
                });
                return merged;
            }
        }
        return s;
    }

    JsonNode resolve(JsonNode node) {
        return resolve(document, node);
    }

    /** {@code node} with its {@code $ref}s followed within {@code document} (at most 10 hops). */
    static JsonNode resolve(JsonNode document, JsonNode node) {
        int hops = 0;
        while (node.has("$ref") && hops++ < 10) {
            JsonNode target = document;
            for (String part : node.get("$ref").asText().substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            node = target;
        }
        return node;
    }
}
