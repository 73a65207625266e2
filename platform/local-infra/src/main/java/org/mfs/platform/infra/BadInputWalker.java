package org.mfs.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Walks every operation of a service's OpenAPI document and sends each class of hostile input the suite has
 * been attacked with: NUL characters in strings, paths and queries; extreme, out-of-range and integer dates;
 * numbers past every range; duplicate JSON keys; empty, truncated and wrongly shaped bodies; 100,000-element
 * arrays; 1 MB strings; blank and malformed headers. A request is a violation when it gets a 5xx, an error that
 * is not {@code application/problem+json}, or a 4xx after which the service's stored data changed.
 * <p>
 * Bodies are generated from the operation's request schema (examples first), then mutated one field at a
 * time, so each mutation reaches the validation of that field rather than failing on the first other one.
 */
public final class BadInputWalker {

    /** One request that broke the rules. */
    public record Violation(String request, String inputClass, int status, String contentType, String body) {
        @Override
        public String toString() {
            return status + " " + contentType + " for " + inputClass + ": " + request + " -> "
                    + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NUL = "\u0000";
    private static final String[] BAD_SCALARS = { "%00", "a%00b", "+999999999-12-31", "-999999999-01-01",
            "99999999999999999999999", "-1", "2025-13-45", "%27%22%3C%3E", "" };

    private final URI base;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private Supplier<String> fingerprint = () -> "";
    private java.util.function.Predicate<String> pathFilter = p -> true;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private JsonNode document;
    private final List<Violation> violations = new ArrayList<>();
    private int requests;

    private BadInputWalker(URI base) {
        this.base = base;
    }

    /** A walker for the service at {@code base} (for example {@code http://localhost:8081}). */
    public static BadInputWalker at(String base) {
        return new BadInputWalker(URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base));
    }

    /** A header sent with every request (for example the bearer token). */
    public BadInputWalker header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The value used for path parameter {@code name} when it is not the one being attacked (an existing id). */
    public BadInputWalker pathValue(String name, String value) {
        pathValues.put(name, value);
        return this;
    }

    /** Reads everything the service stores, so a rejected request can be shown to have changed nothing. */
    public BadInputWalker fingerprint(Supplier<String> fingerprint) {
        this.fingerprint = fingerprint;
        return this;
    }

    /** Walks only the operations of these path templates (several ids for one parameter name need several walks). */
    public BadInputWalker only(String... templates) {
        List<String> keep = List.of(templates);
        this.pathFilter = keep::contains;
        return this;
    }

    /** Number of requests sent by {@link #walk()}. */
    public int requests() {
        return requests;
    }

    /** Sends every case to every operation; returns the violations (empty when the service held). */
    public List<Violation> walk() {
        document = send("GET", "/q/openapi?format=json", Map.of("Accept", "application/json"), null).json();
        OpenApiContract contract = OpenApiContract.enabled() ? new OpenApiContract(document) : null;
        String previous = fingerprint.get();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!pathFilter.test(path.getKey())) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                for (Case c : cases(method, path.getKey(), op.getValue())) {
                    Response r = send(method, c.uri, c.headers, c.body);
                    String now = fingerprint.get();
                    check(method + " " + abbreviate(c.uri), c, r, !now.equals(previous));
                    previous = now;
                    if (contract != null) {
                        // the answer to a hostile request is documented like any other (status, media type, schema)
                        try {
                            contract.check(method, URI.create(base + c.uri).getRawPath(), r.status, r.contentType, r.body);
                        } catch (AssertionError | IllegalArgumentException broken) {
                            if (!OpenApiContract.reportOnly(broken.getMessage() + "\n(bad input: " + c.inputClass + ")")) {
                                violations.add(new Violation(method + " " + abbreviate(c.uri),
                                        c.inputClass + " (breaks the OpenAPI contract: " + broken.getMessage() + ")",
                                        r.status, r.contentType, r.body));
                            }
                        }
                    }
                }
            }
        }
        return violations;
    }

    /** One request; {@code mustReject}: the input is never acceptable, so a 2xx is a violation too. */
    private record Case(String inputClass, String uri, Map<String, String> headers, String body, boolean mustReject) {
        Case(String inputClass, String uri, Map<String, String> headers, String body) {
            this(inputClass, uri, headers, body, false);
        }
    }

    private List<Case> cases(String method, String template, JsonNode op) {
        List<Case> cases = new ArrayList<>();
        List<JsonNode> params = new ArrayList<>();
        op.path("parameters").forEach(p -> params.add(resolve(p)));
        Map<String, String> jsonHeaders = new LinkedHashMap<>();
        JsonNode content = resolve(op.path("requestBody")).path("content");
        String mediaType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
        if (mediaType != null) {
            jsonHeaders.put("Content-Type", mediaType);
        }
        for (JsonNode p : params) {
            if ("header".equals(p.path("in").asText()) && "If-Match".equalsIgnoreCase(p.path("name").asText())) {
                jsonHeaders.put("If-Match", "\"0\"");
            }
        }
        JsonNode bodySchema = mediaType != null && mediaType.contains("json") ? content.path(mediaType).path("schema") : null;
        String validBody = bodySchema == null ? (mediaType == null ? null : "x") : write(sample(bodySchema, 0));
        String uri = fill(template, null, null);

        for (JsonNode p : params) {
            String name = p.path("name").asText();
            String in = p.path("in").asText();
            for (String bad : BAD_SCALARS) {
                if ("path".equals(in)) {
                    if (!bad.isEmpty()) {
                        cases.add(new Case("path " + name + "=" + bad, fill(template, name, bad), jsonHeaders, validBody,
                                bad.contains("%00")));
                    }
                } else if ("query".equals(in)) {
                    cases.add(new Case("query " + name + "=" + bad, uri + (uri.contains("?") ? "&" : "?") + name + "=" + bad,
                            jsonHeaders, validBody, bad.contains("%00")));
                } else if ("header".equals(in) && !bad.contains("%")) {
                    Map<String, String> h = new LinkedHashMap<>(jsonHeaders);
                    h.put(name, bad);
                    cases.add(new Case("header " + name + "=" + bad, uri, h, validBody));
                }
            }
            if ("header".equals(in)) {
                Map<String, String> h = new LinkedHashMap<>(jsonHeaders);
                h.put(name, " ");
                cases.add(new Case("header " + name + " blank", uri, h, validBody));
            }
            if ("query".equals(in) || "path".equals(in)) {
                String longValue = "x".repeat(3000);
                cases.add(new Case(in + " " + name + " of 3000 characters", "path".equals(in) ? fill(template, name, longValue)
                        : uri + (uri.contains("?") ? "&" : "?") + name + "=" + longValue, jsonHeaders, validBody));
            }
        }
        cases.add(new Case("URI of 20,000 characters", uri + (uri.contains("?") ? "&" : "?") + "q=" + "x".repeat(20_000),
                jsonHeaders, validBody, true));
        Map<String, String> bigHeader = new LinkedHashMap<>(jsonHeaders);
        bigHeader.put("X-Padding", "x".repeat(30_000));
        cases.add(new Case("header of 30,000 bytes", uri, bigHeader, validBody, true));
        if (mediaType == null) {
            return cases;
        }
        for (String[] whole : new String[][] { { "empty body", "" }, { "body {}", "{}" }, { "body []", "[]" },
                { "body null", "null" }, { "body string", "\"x\"" }, { "truncated JSON", "{\"a\":" },
                { "NUL byte in the body", "{\"" + NUL + "\":1}" }, { "body of 100,000 nested arrays", "[".repeat(100_000) } }) {
            cases.add(new Case(whole[0], uri, jsonHeaders, whole[1], !whole[0].equals("body {}") && !whole[0].equals("empty body")));
        }
        if (bodySchema == null) {
            return cases;
        }
        JsonNode valid = sample(bodySchema, 0);
        if (valid.isObject() && valid.size() > 0) {
            String first = valid.fieldNames().next();
            String dup = write(valid);
            dup = "{" + JSON.valueToTree(first) + ":" + valid.get(first) + "," + dup.substring(1);
            cases.add(new Case("duplicate key '" + first + "'", uri, jsonHeaders, dup, true));
        }
        mutate(valid, schemaOf(bodySchema), "", valid, uri, jsonHeaders, cases, 0);
        return cases;
    }

    /** One case per field and bad value, the rest of the body left valid. */
    private void mutate(JsonNode root, JsonNode schema, String where, JsonNode node, String uri,
            Map<String, String> headers, List<Case> cases, int depth) {
        if (depth > 3 || node == null || !node.isObject()) {
            return;
        }
        JsonNode props = schemaOf(schema).path("properties");
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            JsonNode fieldSchema = schemaOf(props.path(name));
            String at = where.isEmpty() ? name : where + "." + name;
            for (Map.Entry<String, JsonNode> bad : badValues(fieldSchema).entrySet()) {
                JsonNode copy = root.deepCopy();
                set(copy, at, bad.getValue());
                cases.add(new Case(at + " = " + bad.getKey(), uri, headers, write(copy), neverValid(fieldSchema, bad.getKey())));
            }
            JsonNode child = node.get(name);
            if (child.isObject()) {
                mutate(root, fieldSchema, at, child, uri, headers, cases, depth + 1);
            } else if (child.isArray() && !child.isEmpty() && child.get(0).isObject()) {
                mutate(root, schemaOf(fieldSchema.path("items")), at + "[0]", child.get(0), uri, headers, cases, depth + 1);
            }
        }
    }

    /** Values no field of that schema may accept: NUL in text, oversized text and arrays, numbers or extreme years as dates. */
    private static boolean neverValid(JsonNode schema, String bad) {
        String type = schema.path("type").asText();
        String format = schema.path("format").asText();
        boolean date = format.equals("date") || format.equals("date-time");
        return switch (bad) {
            case "NUL", "text with NUL", "1 MB string" -> type.equals("string");
            case "integer 20250627", "date +999999999-12-31", "date -999999999-01-01", "instant +999999999-12-31T23:59:59Z" -> date;
            case "array of 100,000 elements" -> type.equals("array");
            default -> false;
        };
    }

    private Map<String, JsonNode> badValues(JsonNode schema) {
        Map<String, JsonNode> bad = new LinkedHashMap<>();
        bad.put("NUL", JSON.valueToTree(NUL));
        bad.put("text with NUL", JSON.valueToTree("a" + NUL + "b"));
        bad.put("1 MB string", JSON.valueToTree("x".repeat(1 << 20)));
        bad.put("integer 20250627", JSON.valueToTree(20250627));
        bad.put("date +999999999-12-31", JSON.valueToTree("+999999999-12-31"));
        bad.put("date -999999999-01-01", JSON.valueToTree("-999999999-01-01"));
        bad.put("instant +999999999-12-31T23:59:59Z", JSON.valueToTree("+999999999-12-31T23:59:59Z"));
        bad.put("number 1e308", JSON.getNodeFactory().numberNode(new java.math.BigDecimal("1e308")));
        bad.put("number 1e400", JSON.getNodeFactory().numberNode(new java.math.BigDecimal("1e400")));
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

    private static void set(JsonNode root, String at, JsonNode value) {
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
    private JsonNode sample(JsonNode schema, int depth) {
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
    private JsonNode schemaOf(JsonNode schema) {
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

    private JsonNode resolve(JsonNode node) {
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

    private String fill(String template, String attacked, String badValue) {
        String uri = template;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (m.find()) {
            String name = m.group(1);
            String value = name.equals(attacked) ? badValue
                    : URLEncoder.encode(pathValues.getOrDefault(name, "00000000-0000-0000-0000-000000000000"),
                            StandardCharsets.UTF_8);
            uri = uri.replace("{" + name + "}", value);
        }
        return uri;
    }

    private void check(String request, Case c, Response r, boolean storedChanged) {
        String inputClass = c.inputClass;
        boolean problem = r.contentType.startsWith("application/problem+json");
        boolean wellFormedProblem = false;
        if (problem) {
            try {
                wellFormedProblem = JSON.readTree(r.body).path("status").asInt() == r.status;
            } catch (IOException e) {
                wellFormedProblem = false;
            }
        }
        // a blank Idempotency-Key is not "no key": the retry it was meant to make safe would create twice (ADR 0015)
        boolean blankKey = c.inputClass.equalsIgnoreCase("header Idempotency-Key blank")
                || c.inputClass.equalsIgnoreCase("header Idempotency-Key=");
        if (r.status >= 500 || (r.status >= 400 && !wellFormedProblem) || (r.status >= 400 && storedChanged)
                || (c.mustReject && r.status < 400) || (blankKey && r.status != 400)) {
            String why = storedChanged && r.status >= 400 ? " (stored data changed)" : c.mustReject && r.status < 400 ? " (accepted)"
                    : blankKey && r.status != 400 ? " (a blank Idempotency-Key must get the documented 400)" : "";
            violations.add(new Violation(request, inputClass + why, r.status, r.contentType, r.body));
        }
    }

    private record Response(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Response send(String method, String uri, Map<String, String> caseHeaders, String body) {
        requests++;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + uri)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(b::header);
            caseHeaders.forEach((k, v) -> {
                if (!v.isBlank() || !k.equalsIgnoreCase("Content-Type")) {
                    b.setHeader(k, v);
                }
            });
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse("(none)"), r.body());
        } catch (IOException e) {
            return new Response(599, "(connection failed)", String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String uri) {
        return uri.length() > 160 ? uri.substring(0, 160) + "…(" + uri.length() + " chars)" : uri;
    }
}
