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
 * Holds every response a test receives to the service's published OpenAPI document (the committed snapshot, which
 * another test keeps equal to the live one): the operation exists, the status is documented for it, and a JSON
 * body satisfies the documented schema (OpenAPI 3.1 schemas are JSON Schema 2020-12, validated with the same
 * validator as the event schemas). A broken contract fails the test that made the call.
 * <p>
 * {@link #install()} adds it to REST Assured's global filters once per test JVM.
 */
public final class OpenApiContract implements Filter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile boolean installed;

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

    /** Validates every REST Assured response of this test JVM against {@code src/main/openapi-snapshot/openapi.json}. */
    public static synchronized void install() {
        if (installed || !Files.exists(OpenApiSnapshot.FILE)) {
            return;
        }
        try {
            io.restassured.RestAssured.filters(new OpenApiContract(JSON.readTree(Files.readString(OpenApiSnapshot.FILE))));
            installed = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        Response r = context.next(request, response);
        String path = URI.create(request.getURI()).getRawPath();
        if (!path.startsWith("/api/")) {
            return r;
        }
        check(request.getMethod(), path, r.statusCode(), r.contentType(), r.asString());
        return r;
    }

    /** Fails with an AssertionError naming the broken rule. */
    public void check(String method, String path, int status, String contentType, String body) {
        Operation op = operations.stream().filter(o -> o.method.equals(method) && o.pattern.matcher(path).matches())
                .findFirst().orElse(null);
        if (op == null) {
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

    private static List<String> iterable(Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }
}
