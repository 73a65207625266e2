package org.mfs.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/** helm lint and helm template of both value sets, and every rendered manifest parsed into its typed model. */
class ChartRendersTest {

    static Stream<Path> valueSets() {
        return Stream.of(Chart.DEV, Chart.PRODUCTION);
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void lintsStrictWithoutErrors(Path values) {
        var result = Chart.lint(values);
        assertFalse(result.isFailed(), "helm lint --strict with " + values.getFileName() + ": " + result.getMessages());
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void everyRenderedManifestParsesIntoItsTypedModelWithoutUnknownFields(Path values) throws Exception {
        var rendered = Chart.render(values);
        // kept for reading: deploy/helm/target/rendered-<value set>.yaml
        java.nio.file.Files.writeString(Path.of("target").resolve("rendered-" + values.getFileName()),
                Chart.template(values, Map.of()));
        Map<String, Integer> kinds = new TreeMap<>();
        for (JsonNode doc : rendered.docs()) {
            TypedManifests.parse(doc);
            kinds.merge(doc.path("kind").asText(), 1, Integer::sum);
        }
        // the suite's four workloads and the operator-managed data and messaging resources are all there
        assertTrue(kinds.getOrDefault("Deployment", 0) >= 4, "Deployments: " + kinds);
        assertTrue(kinds.getOrDefault("Cluster", 0) >= 3, "CloudNativePG Clusters: " + kinds);
        assertEquals(1, kinds.getOrDefault("Kafka", 0), "Kafka: " + kinds);
        assertEquals(1, kinds.getOrDefault("KafkaNodePool", 0), "KafkaNodePool: " + kinds);
        assertEquals(3, kinds.getOrDefault("KafkaUser", 0), "KafkaUsers: " + kinds);
    }

    @Test
    void aMisspeltFieldInAManifestIsRejectedByTheTypedParsing() {
        // the check the test above relies on: a field the model does not know is an error, for each model family
        JsonNode deployment = Chart.render(Chart.DEV).get("Deployment", "gateway").deepCopy();
        ((ObjectNode) deployment.path("spec").path("template").path("spec")).put("automountServiceAcountToken", false);
        var e = assertThrows(AssertionError.class, () -> TypedManifests.parse(deployment));
        assertTrue(e.getMessage().contains("automountServiceAcountToken"), e.getMessage());

        JsonNode user = Chart.render(Chart.DEV).get("KafkaUser", "agreements-service").deepCopy();
        ((ObjectNode) user.path("spec").path("authorization").path("acls").get(0)).put("operatoins", "All");
        e = assertThrows(AssertionError.class, () -> TypedManifests.parse(user));
        assertTrue(e.getMessage().contains("operatoins"), e.getMessage());

        JsonNode cluster = Chart.render(Chart.DEV).ofKind("Cluster").get(0).deepCopy();
        ((ObjectNode) cluster.path("spec").path("storage")).put("sise", "1Gi");
        e = assertThrows(AssertionError.class, () -> TypedManifests.parse(cluster));
        assertTrue(e.getMessage().contains("sise"), e.getMessage());
    }

    static final ObjectMapper JSON = new ObjectMapper();
}
