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

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Walks every operation of a service's OpenAPI document and sends each class of hostile input the suite has
 * been attacked with: NUL characters in strings, paths and queries; half a surrogate pair in strings; extreme,
 * out-of-range and integer dates; numbers past every range; duplicate JSON keys; empty, truncated and wrongly shaped
 * bodies; 100,000-element arrays; 1 MB strings; blank and malformed headers; an Accept no operation answers; a method
 * the path does not have. A request is a violation when it gets a 5xx, an error that is not
 * {@code application/problem+json}, or a 4xx after which the service's stored data changed.
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
    private static final String UNKNOWN_PARAMETER = "notAParameterOfAnyOperation";
    private static final String NUL = "\u0000";
    private static final String[] BAD_SCALARS = { "%00", "a%00b", "+999999999-12-31", "-999999999-01-01",
            "99999999999999999999999", "-1", "2025-13-45", "%27%22%3C%3E", "", "%C3%28", "a;b", "2147483647" };
    /** Values no path or query parameter may hold as sent: not percent-encoded UTF-8, or read differently (ADR 0026). */
    private static final List<String> MALFORMED_IN_URI = List.of("%00", "a%00b", "%C3%28", "a;b");

    private final URI base;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private Supplier<String> fingerprint = () -> "";
    private java.util.function.Predicate<String> pathFilter = p -> true;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private SchemaSamples samples;
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
        JsonNode document = send("GET", "/q/openapi?format=json", Map.of("Accept", "application/json"), null).json();
        samples = new SchemaSamples(document);
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
            previous = methodNotAllowed(path.getKey(), path.getValue(), previous);
        }
        return violations;
    }

    /**
     * A method the path does not have (DELETE, else PATCH, PUT or POST): a 405 problem with {@code Allow}, nothing
     * stored. Not in the document, so not checked against it.
     */
    private String methodNotAllowed(String template, JsonNode path, String previous) {
        String absent = java.util.stream.Stream.of("DELETE", "PATCH", "PUT", "POST")
                .filter(m -> !path.has(m.toLowerCase())).findFirst().orElse(null);
        if (absent == null) {
            return previous;
        }
        String uri = fill(template, null, null);
        Response r = send(absent, uri, Map.of("Content-Type", "application/json"), "{}");
        String now = fingerprint.get();
        if (r.status != 405 || r.allow == null || !r.contentType.startsWith("application/problem+json")
                || !now.equals(previous)) {
            violations.add(new Violation(absent + " " + abbreviate(uri), "a method the path does not have (a 405 problem "
                    + "with Allow is expected, nothing stored); Allow: " + r.allow, r.status, r.contentType, r.body));
        }
        return now;
    }

    /**
     * One request; {@code mustReject}: the input is never acceptable, so a 2xx is a violation too; {@code query}: the
     * query parameter attacked, which a 400 must name.
     */
    private record Case(String inputClass, String uri, Map<String, String> headers, String body, boolean mustReject,
            String query) {
        Case(String inputClass, String uri, Map<String, String> headers, String body, boolean mustReject) {
            this(inputClass, uri, headers, body, mustReject, null);
        }

        Case(String inputClass, String uri, Map<String, String> headers, String body) {
            this(inputClass, uri, headers, body, false);
        }
    }

    private List<Case> cases(String method, String template, JsonNode op) {
        List<Case> cases = new ArrayList<>();
        List<JsonNode> params = new ArrayList<>();
        op.path("parameters").forEach(p -> params.add(samples.resolve(p)));
        Map<String, String> jsonHeaders = new LinkedHashMap<>();
        JsonNode content = samples.resolve(op.path("requestBody")).path("content");
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
        String validBody = bodySchema == null ? (mediaType == null ? null : "x") : write(samples.sample(bodySchema, 0));
        String uri = fill(template, null, null);

        for (JsonNode p : params) {
            String name = p.path("name").asText();
            String in = p.path("in").asText();
            for (String bad : BAD_SCALARS) {
                if ("path".equals(in)) {
                    if (!bad.isEmpty()) {
                        cases.add(new Case("path " + name + "=" + bad, fill(template, name, bad), jsonHeaders, validBody,
                                MALFORMED_IN_URI.contains(bad)));
                    }
                } else if ("query".equals(in)) {
                    cases.add(new Case("query " + name + "=" + bad, uri + (uri.contains("?") ? "&" : "?") + name + "=" + bad,
                            jsonHeaders, validBody, MALFORMED_IN_URI.contains(bad), name));
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
            if ("query".equals(in) && !"array".equals(samples.schemaOf(p.path("schema")).path("type").asText())) {
                // one value read by the service, maybe another by a proxy in front (ADR 0026)
                cases.add(new Case("query " + name + " given twice", uri + (uri.contains("?") ? "&" : "?") + name + "=1&"
                        + name + "=2", jsonHeaders, validBody, true, name));
            }
            if ("query".equals(in) || "path".equals(in)) {
                String longValue = "x".repeat(3000);
                cases.add(new Case(in + " " + name + " of 3000 characters", "path".equals(in) ? fill(template, name, longValue)
                        : uri + (uri.contains("?") ? "&" : "?") + name + "=" + longValue, jsonHeaders, validBody, false,
                        "query".equals(in) ? name : null));
            }
        }
        // a parameter no operation declares is refused and named, not ignored (ADR 0023)
        cases.add(new Case("unknown query parameter", uri + (uri.contains("?") ? "&" : "?") + UNKNOWN_PARAMETER + "=1",
                jsonHeaders, validBody, true, UNKNOWN_PARAMETER));
        cases.add(new Case("URI of 20,000 characters", uri + (uri.contains("?") ? "&" : "?") + "q=" + "x".repeat(20_000),
                jsonHeaders, validBody, true));
        Map<String, String> bigHeader = new LinkedHashMap<>(jsonHeaders);
        bigHeader.put("X-Padding", "x".repeat(30_000));
        cases.add(new Case("header of 30,000 bytes", uri, bigHeader, validBody, true));
        Map<String, String> xml = new LinkedHashMap<>(jsonHeaders);
        xml.put("Accept", "application/xml"); // no operation of the suite answers XML: a 406 problem
        cases.add(new Case("Accept: application/xml", uri, xml, validBody, true));
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
        JsonNode valid = samples.sample(bodySchema, 0);
        if (valid.isObject() && valid.size() > 0) {
            String first = valid.fieldNames().next();
            String dup = write(valid);
            dup = "{" + JSON.valueToTree(first) + ":" + valid.get(first) + "," + dup.substring(1);
            cases.add(new Case("duplicate key '" + first + "'", uri, jsonHeaders, dup, true));
        }
        mutate(valid, samples.schemaOf(bodySchema), "", valid, uri, jsonHeaders, cases, 0);
        return cases;
    }

    /** One case per field and bad value, the rest of the body left valid. */
    private void mutate(JsonNode root, JsonNode schema, String where, JsonNode node, String uri,
            Map<String, String> headers, List<Case> cases, int depth) {
        if (depth > 3 || node == null || !node.isObject()) {
            return;
        }
        JsonNode props = samples.schemaOf(schema).path("properties");
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            JsonNode fieldSchema = samples.schemaOf(props.path(name));
            String at = where.isEmpty() ? name : where + "." + name;
            for (Map.Entry<String, JsonNode> bad : samples.badValues(fieldSchema).entrySet()) {
                JsonNode copy = root.deepCopy();
                SchemaSamples.set(copy, at, bad.getValue());
                cases.add(new Case(at + " = " + bad.getKey(), uri, headers, write(copy), SchemaSamples.neverValid(fieldSchema, bad.getKey())));
            }
            JsonNode child = node.get(name);
            if (child.isObject()) {
                mutate(root, fieldSchema, at, child, uri, headers, cases, depth + 1);
            } else if (child.isArray() && !child.isEmpty() && child.get(0).isObject()) {
                mutate(root, samples.schemaOf(fieldSchema.path("items")), at + "[0]", child.get(0), uri, headers, cases, depth + 1);
            }
        }
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
        String vague = null;
        if (problem) {
            try {
                JsonNode p = JSON.readTree(r.body);
                wellFormedProblem = p.path("status").asInt() == r.status;
                vague = r.status == 400 ? vagueness(p, c.query) : null;
                if (vague == null && UNKNOWN_PARAMETER.equals(c.query) && !p.path("detail").asText().contains(UNKNOWN_PARAMETER)) {
                    vague = "the answer does not name the unknown parameter";
                }
            } catch (IOException e) {
                wellFormedProblem = false;
            }
        }
        if (vague != null) {
            violations.add(new Violation(request, inputClass + " (" + vague + ")", r.status, r.contentType, r.body));
            return;
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

    /**
     * Why a 400 does not say clearly what is wrong, or null: it must say what a parameter expects rather than that it
     * "cannot be read", and name the query parameter attacked in its detail, or the offending fields in its errors.
     */
    private static String vagueness(JsonNode problem, String query) {
        if (problem.toString().contains("cannot be read as its type")) {
            return "the 400 does not say what the parameter expects";
        }
        if (query == null) {
            return null;
        }
        // the field errors may name other parameters instead: the operation's required ones, absent from the case
        boolean namesFields = false;
        for (JsonNode error : problem.path("errors")) {
            namesFields |= !error.path("field").asText().isEmpty();
        }
        return namesFields || problem.path("detail").asText().contains(query) ? null
                : "the 400 names neither the parameter " + query + " nor another field";
    }

    private record Response(int status, String contentType, String body, String allow) {
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
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse("(none)"), r.body(),
                    r.headers().firstValue("Allow").orElse(null));
        } catch (IOException e) {
            return new Response(599, "(connection failed)", String.valueOf(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** JSON in ASCII, every other character escaped, so that half a surrogate pair arrives as sent. */
    private static String write(JsonNode node) {
        try {
            return JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String uri) {
        return uri.length() > 160 ? uri.substring(0, 160) + "…(" + uri.length() + " chars)" : uri;
    }
}
