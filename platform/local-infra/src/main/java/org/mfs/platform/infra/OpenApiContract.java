package org.mfs.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Holds every response a test receives to the service's published OpenAPI document (the live one, which the
 * snapshot test keeps equal to the committed snapshot): the operation exists, the status is documented for it, and a JSON
 * body satisfies the documented schema (OpenAPI 3.1 schemas are JSON Schema 2020-12, validated with the same
 * validator as the event schemas). A broken contract fails the test that made the call.
 * <p>
 * {@link #install()} adds it to REST Assured's global filters once per test JVM.
 */
public final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile boolean installed;
    /**
     * {@code -Dmfs.openapi.contract=report}: a broken contract is written to {@code target/openapi-contract-report.txt}
     * instead of failing the test, to list every break of a module in one run while fixing its document.
     */
    private static final boolean REPORT = "report".equals(System.getProperty("mfs.openapi.contract"));
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private record Operation(String method, String template, Pattern pattern, JsonNode responses) {
    }

    public OpenApiContract(JsonNode document) {
        this.document = document;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            String regex = "^" + Pattern.quote(path.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "$";
            path.getValue().fields().forEachRemaining(op -> operations.add(new Operation(op.getKey().toUpperCase(),
                    path.getKey(), Pattern.compile(regex), op.getValue().path("responses"))));
        }
        // a literal path wins over a template that also matches (/agreements/export before /agreements/{id})
        operations.sort((a, b) -> Long.compare(a.template.chars().filter(c -> c == '{').count(),
                b.template.chars().filter(c -> c == '{').count()));
    }

    /**
     * Validates every REST Assured {@code /api/**} response of this test JVM against the document the service under
     * test publishes at {@code /q/openapi} (fetched once per server; the snapshot test keeps it equal to the committed
     * {@code src/main/openapi-snapshot/openapi.json}, so a run that regenerates the snapshot checks the new one).
     */
    public static void install() {
        install((request, response) -> true, true);
    }

    /**
     * The same for the responses {@code which} selects (the gateway's tests: its own answers, not its stubs' echoes).
     * {@code unknownPaths} false: a path the document does not have is not checked (the gateway forwards every path
     * under a service's prefix and answers 502/503/504 for it without knowing the service's paths).
     */
    public static synchronized void install(java.util.function.BiPredicate<FilterableRequestSpecification, Response> which,
            boolean unknownPaths) {
        if (installed) {
            return;
        }
        io.restassured.RestAssured.filters(new Live(which, unknownPaths));
        installed = true;
    }

    /** The contract of whichever server a request went to, read from its {@code /q/openapi} on first use. */
    private static final class Live implements Filter {
        private final Map<String, OpenApiContract> byOrigin = new ConcurrentHashMap<>();
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        private final java.util.function.BiPredicate<FilterableRequestSpecification, Response> which;

        private final boolean unknownPaths;

        Live(java.util.function.BiPredicate<FilterableRequestSpecification, Response> which, boolean unknownPaths) {
            this.which = which;
            this.unknownPaths = unknownPaths;
        }

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            Response r = context.next(request, response);
            URI uri = URI.create(request.getURI());
            if (!uri.getRawPath().startsWith("/api/") || !which.test(request, r)) {
                return r;
            }
            OpenApiContract contract = byOrigin.computeIfAbsent(uri.getScheme() + "://" + uri.getRawAuthority(), this::fetch);
            if (!unknownPaths && !contract.documents(request.getMethod(), uri.getRawPath())) {
                return r;
            }
            try {
                contract.check(request.getMethod(), uri.getRawPath(), r.statusCode(), r.contentType(), r.asString());
            } catch (AssertionError broken) {
                if (!reportOnly(broken.getMessage())) {
                    throw broken;
                }
            }
            return r;
        }

        private OpenApiContract fetch(String origin) {
            try {
                var answer = http.send(java.net.http.HttpRequest.newBuilder(URI.create(origin + "/q/openapi?format=json"))
                        .header("Accept", "application/json").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new AssertionError(origin + "/q/openapi answered " + answer.statusCode() + ": no contract to check");
                }
                return new OpenApiContract(JSON.readTree(answer.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The same, from a document file (for a test of the contract itself). */
    public static OpenApiContract of(Path file) {
        try {
            return new OpenApiContract(JSON.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the document has an operation for this method and path. */
    public boolean documents(String method, String path) {
        return operations.stream().anyMatch(o -> o.method.equals(method) && o.pattern.matcher(path).matches());
    }

    /** Fails with an AssertionError naming the broken rule. */
    public void check(String method, String path, int status, String contentType, String body) {
        Operation op = operations.stream().filter(o -> o.method.equals(method) && o.pattern.matcher(path).matches())
                .findFirst().orElse(null);
        if (op == null) {
            if (method.equals("OPTIONS") && status == 200) {
                return; // HTTP's own question about a resource (RFC 9110 9.3.7), answered by the framework, not an API operation
            }
            if (status == 404 || status == 405) {
                return; // a path or method the API does not have, answered as such
            }
            throw new AssertionError(method + " " + path + " answered " + status + " but is not in the OpenAPI document");
        }
        String name = method + " " + op.template;
        JsonNode documented = op.responses.get(Integer.toString(status));
        if (documented == null) {
            documented = op.responses.get(status / 100 + "XX");
        }
        if (documented == null) {
            documented = op.responses.get("default");
        }
        if (documented == null) {
            List<String> codes = new ArrayList<>();
            op.responses.fieldNames().forEachRemaining(codes::add);
            throw new AssertionError(name + " answered " + status + ", which its OpenAPI operation does not document "
                    + codes + ": " + abbreviate(body));
        }
        documented = resolve(documented);
        String media = contentType == null || contentType.isBlank() ? null : contentType.split(";")[0].strip();
        JsonNode content = documented.path("content");
        if (media == null || !media.contains("json") || body == null || body.isEmpty() || content.isMissingNode()) {
            return;
        }
        JsonNode declared = content.get(media);
        if (declared == null) {
            throw new AssertionError(name + " answered " + status + " as " + media + ", documented only as "
                    + iterable(content.fieldNames()));
        }
        JsonNode schemaNode = declared.path("schema");
        if (schemaNode.isMissingNode()) {
            return;
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(name + " answered " + status + " with a body that is not JSON: " + abbreviate(body));
        }
        JsonSchema schema = schemas.computeIfAbsent(name + " " + status + " " + media, k -> compile(schemaNode));
        Set<ValidationMessage> errors = schema.validate(value);
        if (!errors.isEmpty()) {
            throw new AssertionError(name + " answered " + status + " with a body that breaks its documented schema: "
                    + errors + "\nbody: " + abbreviate(body));
        }
    }

    /** The schema as the root of a document that also holds the components its $refs point into. */
    private JsonSchema compile(JsonNode schemaNode) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.setAll((ObjectNode) schemaNode.deepCopy());
        root.set("components", document.path("components").deepCopy());
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return factory.getSchema(root, config);
    }

    private JsonNode resolve(JsonNode node) {
        return SchemaSamples.resolve(document, node);
    }

    /** Whether contract checks are on: unless {@code -Dmfs.openapi.contract=false} (ADR 0015). */
    public static boolean enabled() {
        return !"false".equals(System.getProperty("mfs.openapi.contract"));
    }

    /** In report mode, writes {@code message} to the report and answers true; otherwise false (the caller fails). */
    static boolean reportOnly(String message) {
        if (!REPORT) {
            return false;
        }
        report(message);
        return true;
    }

    private static void report(String message) {
        String key = message.replaceAll("\nbody: [\\s\\S]*", "").replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{uuid}");
        if (REPORTED.add(key)) {
            try {
                Files.createDirectories(Path.of("target"));
                Files.writeString(Path.of("target", "openapi-contract-report.txt"), message + "\n\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }
}
