package org.mfs.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/** The two value sets are what issue 12 item 5 describes. */
class ValueSetsTest {

    static final List<String> WORKLOADS = List.of("gateway", "agreements-service", "minerals-service", "security-cooperation-service");

    static List<Object> typed(java.nio.file.Path values) {
        return Chart.render(values).docs().stream().map(TypedManifests::parse).toList();
    }

    static <T> List<T> of(List<Object> all, Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void devIsOneReplicaEachOneKafkaNodeAndSingleInstancePostgres() {
        List<Object> all = typed(Chart.DEV);
        for (String w : WORKLOADS) {
            Deployment d = of(all, Deployment.class).stream().filter(x -> x.getMetadata().getName().equals(w)).findFirst().orElseThrow();
            assertEquals(1, d.getSpec().getReplicas(), w);
        }
        assertTrue(of(all, HorizontalPodAutoscaler.class).isEmpty(), "no autoscaling in dev");
        assertEquals(1, of(all, KafkaNodePool.class).get(0).getSpec().getReplicas());
        of(all, KafkaTopic.class).forEach(t -> assertEquals(1, t.getSpec().getReplicas(), t.getSpec().getTopicName()));
        of(all, CloudNativePg.Cluster.class).forEach(c -> assertEquals(1, c.spec().instances(), c.metadata().name()));
    }

    @Test
    void productionRunsThreeReplicasOfEachServiceAutoscaledWithinBounds() {
        List<Object> all = typed(Chart.PRODUCTION);
        var hpas = of(all, HorizontalPodAutoscaler.class);
        for (String w : WORKLOADS) {
            HorizontalPodAutoscaler h = hpas.stream().filter(x -> x.getSpec().getScaleTargetRef().getName().equals(w))
                    .findFirst().orElseThrow(() -> new AssertionError("no HPA for " + w));
            assertEquals(3, h.getSpec().getMinReplicas(), w);
            assertEquals(10, h.getSpec().getMaxReplicas(), w);
            assertEquals(70, h.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization(), w);
            Deployment d = of(all, Deployment.class).stream().filter(x -> x.getMetadata().getName().equals(w)).findFirst().orElseThrow();
            assertNull(d.getSpec().getReplicas(), w + ": the HPA owns the replica count (a fixed one would fight it)");
        }
        of(all, CloudNativePg.Cluster.class).forEach(c -> assertEquals(3, c.spec().instances(), c.metadata().name()));
    }

    @ParameterizedTest
    @MethodSource("org.mfs.deploy.helm.ChartRendersTest#valueSets")
    void eachServiceGetsItsPoolSizeAndEachDatabaseItsConnectionLimit(java.nio.file.Path values) {
        Chart.Rendered r = Chart.render(values);
        for (String w : WORKLOADS) {
            JsonNode size = r.get("ConfigMap", w + "-config").path("data").path("QUARKUS_DATASOURCE_JDBC_MAX_SIZE");
            if (w.equals("gateway")) {
                assertTrue(size.isMissingNode(), "the gateway has no database");
            } else {
                assertEquals("8", size.asText(), w);
            }
        }
        of(typed(values), CloudNativePg.Cluster.class).forEach(c ->
                assertEquals("200", c.spec().postgresql().parameters().get("max_connections"), c.metadata().name()));
    }
}
