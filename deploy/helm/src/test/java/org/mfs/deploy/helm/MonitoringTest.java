package org.mfs.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * Metrics in a cluster (ADR 25): Prometheus scrapes every workload's /q/metrics inside the cluster (a ServiceMonitor
 * each, admitted by the NetworkPolicies), the suite's alerts come as a PrometheusRule, and the Ingress publishes
 * the API and its documentation but neither metrics nor health; a Grafana dashboard comes as a ConfigMap. The
 * production values turn scraping, alerts and the dashboard on; the development values leave them off.
 */
class MonitoringTest {

    private static final Set<String> WORKLOADS = Set.of("gateway", "agreements-service", "minerals-service",
            "security-cooperation-service");

    static Stream<Path> valueSets() {
        return Stream.of(Chart.DEV, Chart.PRODUCTION);
    }

    @Test
    void everyWorkloadIsScrapedOnTheHttpPortOfItsOwnService() {
        List<Object> all = typed(Chart.PRODUCTION);
        List<PrometheusOperator.ServiceMonitor> monitors = of(all, PrometheusOperator.ServiceMonitor.class);
        assertEquals(WORKLOADS, monitors.stream().map(m -> m.metadata().name()).collect(Collectors.toSet()));
        List<Service> services = of(all, Service.class);
        for (PrometheusOperator.ServiceMonitor m : monitors) {
            String name = m.metadata().name();
            Map<String, String> selector = m.spec().selector().matchLabels();
            List<Service> selected = services.stream()
                    .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
            assertEquals(List.of(name), selected.stream().map(s -> s.getMetadata().getName()).toList(),
                    name + "'s ServiceMonitor selects its own Service and no other");
            assertEquals(List.of(Chart.NAMESPACE), m.spec().namespaceSelector().matchNames());
            Set<String> ports = selected.get(0).getSpec().getPorts().stream().map(ServicePort::getName)
                    .collect(Collectors.toSet());
            for (PrometheusOperator.Endpoint e : m.spec().endpoints()) {
                assertTrue(ports.contains(e.port()), name + ": the Service has no port named " + e.port());
                assertEquals("/q/metrics", e.path());
            }
            assertEquals("kube-prometheus-stack", m.metadata().labels().get("release"),
                    name + ": carries the labels Prometheus selects ServiceMonitors by");
        }
    }

    /** Strimzi labels the exporter's pods with the cluster and {@code <cluster>-kafka-exporter}; its port is tcp-prometheus. */
    @Test
    void theKafkaExporterIsScrapedWhereTheChartRunsOne() {
        List<PrometheusOperator.PodMonitor> monitors = of(typed(Chart.PRODUCTION), PrometheusOperator.PodMonitor.class);
        assertEquals(1, monitors.size(), "one PodMonitor, for the Kafka Exporter");
        var spec = monitors.get(0).spec();
        assertEquals(Map.of("strimzi.io/cluster", "mfs-kafka", "strimzi.io/name", "mfs-kafka-kafka-exporter"),
                spec.selector().matchLabels());
        assertEquals("tcp-prometheus", spec.podMetricsEndpoints().get(0).port());
        assertEquals("/metrics", spec.podMetricsEndpoints().get(0).path());
        assertTrue(of(typed(Chart.PRODUCTION), io.strimzi.api.kafka.model.kafka.Kafka.class).get(0).getSpec()
                .getKafkaExporter() != null, "the production values run the exporter it scrapes");
    }

    @Test
    void theAlertsAreTheRuleFileAsWrittenEachWithSeverityAndWhatToDo() throws Exception {
        List<PrometheusOperator.PrometheusRule> rules = of(typed(Chart.PRODUCTION), PrometheusOperator.PrometheusRule.class);
        assertEquals(1, rules.size(), "one PrometheusRule");
        PrometheusOperator.PrometheusRule rule = rules.get(0);
        assertEquals("kube-prometheus-stack", rule.metadata().labels().get("release"));
        var file = Chart.YAML.readTree(Chart.DIR.resolve("files/prometheus-alerts.yaml").toFile());
        assertEquals(file, Chart.render(Chart.PRODUCTION).get("PrometheusRule", "mfs-alerts").path("spec"),
                "the PrometheusRule's spec is files/prometheus-alerts.yaml as written");
        List<PrometheusOperator.Rule> alerts = rule.spec().groups().stream().flatMap(g -> g.rules().stream()).toList();
        assertTrue(alerts.size() >= 8, "the suite's alerts: " + alerts.size());
        for (PrometheusOperator.Rule a : alerts) {
            assertTrue(Set.of("critical", "warning").contains(a.labels().get("severity")), a.alert() + ": severity");
            assertFalse(a.annotations().getOrDefault("summary", "").isBlank(), a.alert() + ": summary");
            assertFalse(a.annotations().getOrDefault("description", "").isBlank(), a.alert() + ": description");
        }
    }

    @Test
    void theGrafanaDashboardIsShippedAsWrittenForGrafanasSidecar() throws Exception {
        JsonNode cm = Chart.render(Chart.PRODUCTION).get("ConfigMap", "mfs-grafana-dashboard");
        assertEquals("1", cm.path("metadata").path("labels").path("grafana_dashboard").asText());
        ObjectMapper json = new ObjectMapper();
        JsonNode file = json.readTree(Chart.DIR.resolve("files/grafana-dashboard.json").toFile());
        assertEquals(file, json.readTree(cm.path("data").path("mfs-suite.json").asText()));
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : file.path("panels")) {
            String title = panel.path("title").asText();
            assertTrue(ids.add(panel.path("id").asInt()), title + ": panel ids are unique");
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), title + ": the chosen Prometheus");
            assertFalse(panel.path("targets").isEmpty(), title + ": no query");
            panel.path("targets").forEach(t -> assertTrue(t.path("expr").asText().contains("namespace=\"$namespace\""),
                    title + ": reads the chosen namespace only: " + t.path("expr").asText()));
        }
        assertTrue(ids.size() >= 10, "panels: " + ids.size());
    }

    @Test
    void withoutPrometheusConfiguredNothingIsScrapedOrAlerted() {
        List<Object> all = typed(Chart.DEV);
        assertTrue(of(all, PrometheusOperator.ServiceMonitor.class).isEmpty());
        assertTrue(of(all, PrometheusOperator.PrometheusRule.class).isEmpty());
        assertTrue(of(all, PrometheusOperator.PodMonitor.class).isEmpty());
        assertTrue(Chart.render(Chart.DEV).ofKind("ConfigMap").stream()
                .noneMatch(c -> c.path("metadata").path("name").asText().equals("mfs-grafana-dashboard")));
        for (NetworkPolicy n : of(all, NetworkPolicy.class)) {
            assertFalse(NetworkPolicyTest.ingressPeers(n).contains("prometheus"), n.getMetadata().getName());
        }
    }

    @Test
    void prometheusReachesEachWorkloadOnItsOwnPortOnly() {
        List<Object> all = typed(Chart.PRODUCTION);
        List<Service> services = of(all, Service.class);
        for (String workload : WORKLOADS) {
            NetworkPolicy n = NetworkPolicyTest.policy(all, workload);
            int port = services.stream().filter(s -> s.getMetadata().getName().equals(workload)).findFirst().orElseThrow()
                    .getSpec().getPorts().get(0).getPort();
            Set<String> admitted = new TreeSet<>();
            n.getSpec().getIngress().stream()
                    .filter(r -> r.getFrom().stream().map(NetworkPolicyTest::peer).anyMatch("prometheus"::equals))
                    .forEach(r -> {
                        assertEquals(1, r.getFrom().size(), workload + ": the scrape rule admits Prometheus only");
                        r.getPorts().forEach(p -> admitted.add(p.getPort().getIntVal() + "/" + p.getProtocol()));
                    });
            assertEquals(Set.of(port + "/TCP"), admitted, workload + ": Prometheus admitted on the metrics port only");
        }
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void theIngressPublishesTheApiAndItsDocumentationButNotMetricsOrHealth(Path values) {
        List<HTTPIngressPath> paths = of(typed(values), Ingress.class).get(0).getSpec().getRules().stream()
                .flatMap(r -> r.getHttp().getPaths().stream()).toList();
        for (String published : List.of("/api/v1/agreements/4f7c", "/api/v1/overview/agreements/x", "/q/openapi",
                "/q/swagger-ui/index.html")) {
            assertTrue(routed(paths, published), published + " is reachable from outside");
        }
        for (String internal : List.of("/q/metrics", "/q/health/ready", "/q/health", "/", "/apis", "/q")) {
            assertFalse(routed(paths, internal), internal + " is not reachable from outside");
        }
    }

    /** Kubernetes' Prefix match: the request path equals the prefix or continues it after a '/'. */
    private static boolean routed(List<HTTPIngressPath> paths, String request) {
        return paths.stream().anyMatch(p -> {
            assertEquals("Prefix", p.getPathType());
            String prefix = p.getPath().endsWith("/") ? p.getPath().substring(0, p.getPath().length() - 1) : p.getPath();
            return prefix.isEmpty() || request.equals(prefix) || request.startsWith(prefix + "/");
        });
    }

    private static List<Object> typed(Path values) {
        return Chart.render(values).docs().stream().map(TypedManifests::parse).toList();
    }

    private static <T> List<T> of(List<Object> all, Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
