package org.mfs.deploy.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/** The chart under deploy/helm/mfs, linted and rendered by a real Helm (helm-java carries it as a native library). */
final class Chart {

    static final Path REPO = locateRepo();
    static final Path DIR = REPO.resolve("deploy/helm/mfs");
    static final Path DEV = DIR.resolve("values-dev.yaml");
    static final Path PRODUCTION = DIR.resolve("values-production.yaml");
    static final String RELEASE = "mfs";
    static final String NAMESPACE = "mfs";

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Chart() {
    }

    /** {@code helm template} with a value set and extra {@code --set} values; throws with Helm's message on error. */
    static String template(Path values, Map<String, Object> sets) {
        var cmd = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion("1.31.0");
        if (values != null) {
            cmd = cmd.withValuesFile(values);
        }
        for (var e : sets.entrySet()) {
            cmd = cmd.set(e.getKey(), e.getValue());
        }
        return cmd.call();
    }

    private static final Map<Path, Rendered> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The rendering of a value set without extra values (rendered once per test JVM; callers copy before changing). */
    static Rendered render(Path values) {
        return RENDERED.computeIfAbsent(values, v -> new Rendered(List.copyOf(parse(template(v, Map.of())))));
    }

    /**
     * {@code helm lint --strict} of the chart with a value set. helm-java's lint reads only the chart's own
     * values.yaml, so the chart is copied and its values.yaml replaced by the defaults merged with the set.
     */
    static LintResult lint(Path values) {
        try {
            Path copy = Files.createTempDirectory("mfs-chart-");
            try (Stream<Path> files = Files.walk(DIR)) {
                for (Path f : files.toList()) {
                    Path target = copy.resolve(DIR.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
            JsonNode merged = merge(YAML.readTree(DIR.resolve("values.yaml").toFile()), YAML.readTree(values.toFile()));
            new YAMLMapper().writeValue(copy.resolve("values.yaml").toFile(), merged);
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Helm's own coalescing of maps: the override's keys win, nested maps merge, lists are replaced. */
    static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode b) || !override.isObject()) {
            return override;
        }
        ObjectNode out = b.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext();) {
            var e = it.next();
            JsonNode existing = out.get(e.getKey());
            out.set(e.getKey(), existing == null ? e.getValue() : merge(existing, e.getValue()));
        }
        return out;
    }

    static List<JsonNode> parse(String manifests) {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(manifests)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    private static Path locateRepo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("deploy/helm/mfs"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("deploy/helm/mfs not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** The documents of one rendering, looked up by kind and name. */
    record Rendered(List<JsonNode> docs) {

        List<JsonNode> ofKind(String kind) {
            return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        }

        JsonNode get(String kind, String name) {
            return ofKind(kind).stream().filter(d -> name.equals(d.path("metadata").path("name").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in the rendering"));
        }
    }
}
