package org.mfs.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

/**
 * The NetworkPolicies allow only the calls the architecture draws: ingress controller -> gateway -> services;
 * each service -> its own database (not another service's), the Kafka brokers and the issuer; DNS for all;
 * Prometheus -> every workload's port, where the production values configure it.
 * Peers are summarised as names ("gateway", "db:<cluster>", "kafka", "keycloak", "dns", "ingress-controller",
 * "cidr:<block>") so each workload's allowed calls compare as sets.
 */
class NetworkPolicyTest {

    static Stream<Path> valueSets() {
        return Stream.of(Chart.DEV, Chart.PRODUCTION);
    }

    static String peer(NetworkPolicyPeer p) {
        if (p.getIpBlock() != null) {
            return "cidr:" + p.getIpBlock().getCidr();
        }
        Map<String, String> pods = p.getPodSelector() == null ? Map.of() : p.getPodSelector().getMatchLabels();
        if (p.getNamespaceSelector() != null) {
            Map<String, String> ns = p.getNamespaceSelector().getMatchLabels();
            if ("kube-system".equals(ns.get("kubernetes.io/metadata.name")) && "kube-dns".equals(pods.get("k8s-app"))) {
                return "dns";
            }
            if (pods.containsKey("app.kubernetes.io/name") && pods.get("app.kubernetes.io/name").startsWith("ingress")) {
                return "ingress-controller";
            }
            if ("prometheus".equals(pods.get("app.kubernetes.io/name"))) {
                return "prometheus";
            }
            return "namespace:" + ns.get("kubernetes.io/metadata.name");
        }
        if (pods.containsKey("cnpg.io/cluster")) {
            return "db:" + pods.get("cnpg.io/cluster");
        }
        if ("Kafka".equals(pods.get("strimzi.io/kind"))) {
            return "kafka";
        }
        return pods.getOrDefault("app.kubernetes.io/name", pods.toString());
    }

    static NetworkPolicy policy(List<Object> all, String name) {
        return all.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .filter(n -> n.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no NetworkPolicy " + name));
    }

    static Set<String> ingressPeers(NetworkPolicy n) {
        Set<String> out = new TreeSet<>();
        n.getSpec().getIngress().forEach(r -> r.getFrom().forEach(p -> out.add(peer(p))));
        return out;
    }

    static Set<String> egressPeers(NetworkPolicy n) {
        Set<String> out = new TreeSet<>();
        n.getSpec().getEgress().forEach(r -> r.getTo().forEach(p -> out.add(peer(p))));
        return out;
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void gatewayIsReachedOnlyFromTheIngressControllerAndCallsOnlyTheServices(Path values) {
        List<Object> all = Chart.render(values).docs().stream().map(TypedManifests::parse).toList();
        NetworkPolicy gw = policy(all, "gateway");
        assertEquals(with(Set.of("ingress-controller"), scraperPeers(values)), ingressPeers(gw));
        Set<String> expected = new TreeSet<>(Set.of("dns", "agreements-service", "minerals-service", "security-cooperation-service"));
        expected.addAll(issuerPeers(values));
        expected.addAll(collectorPeers(values));
        assertEquals(expected, egressPeers(gw));
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void eachServiceIsReachedOnlyFromTheGatewayAndCallsOnlyItsDatabaseKafkaAndTheIssuer(Path values) {
        List<Object> all = Chart.render(values).docs().stream().map(TypedManifests::parse).toList();
        for (String service : List.of("agreements-service", "minerals-service", "security-cooperation-service")) {
            NetworkPolicy n = policy(all, service);
            assertEquals(with(Set.of("gateway"), scraperPeers(values)), ingressPeers(n), service + " ingress");
            String db = "db:" + Chart.RELEASE + "-" + service.replaceFirst("-service$", "") + "-db";
            Set<String> expected = new TreeSet<>(Set.of("dns", db, "kafka"));
            expected.addAll(issuerPeers(values));
            expected.addAll(collectorPeers(values));
            assertEquals(expected, egressPeers(n), service + " egress");
            // and its database accepts only it (plus its own instances and the operator)
            NetworkPolicy dbPolicy = policy(all, db.substring(3));
            assertEquals(Set.of(service, db, "namespace:cnpg-system"), ingressPeers(dbPolicy), db + " ingress");
        }
    }

    /** Prometheus, scraping /q/metrics (observability.metrics.scrapedFrom), in the production values only (ADR 25). */
    private static Set<String> scraperPeers(Path values) {
        return values.equals(Chart.PRODUCTION) ? Set.of("prometheus") : Set.of();
    }

    private static Set<String> with(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    /** The trace collector (observability.egress), configured in the production values only (ADR 16). */
    private static Set<String> collectorPeers(Path values) {
        return values.equals(Chart.PRODUCTION) ? Set.of("cidr:198.51.100.20/32") : Set.of();
    }

    /** The issuer: the chart's Keycloak pods when it runs one, else the configured CIDRs. */
    private static Set<String> issuerPeers(Path values) {
        return values.equals(Chart.DEV) ? Set.of("keycloak") : Set.of("cidr:203.0.113.10/32");
    }
}
