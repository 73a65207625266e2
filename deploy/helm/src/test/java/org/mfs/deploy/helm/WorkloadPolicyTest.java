package org.mfs.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The policies of issue 12 item 1 on the rendered manifests of both value sets: probes, requests and limits, security
 * contexts, service accounts without tokens, a PodDisruptionBudget and a NetworkPolicy for every Deployment, an
 * Ingress for the gateway only, Secrets referenced never embedded, spread across nodes, and the workloads matching
 * the services' own configuration.
 */
class WorkloadPolicyTest {

    static Stream<Path> valueSets() {
        return Stream.of(Chart.DEV, Chart.PRODUCTION);
    }

    record Objects(List<Object> all) {
        <T> List<T> of(Class<T> type) {
            return all.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    static Objects typed(Path values) {
        return new Objects(Chart.render(values).docs().stream().map(TypedManifests::parse).toList());
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void everyContainerHasProbesOnTheHealthEndpointsRequestsLimitsAndTheLockedDownSecurityContext(Path values) {
        List<String> problems = new ArrayList<>();
        for (Deployment d : typed(values).of(Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            String name = d.getMetadata().getName();
            var psc = pod.getSecurityContext();
            if (psc == null || !Boolean.TRUE.equals(psc.getRunAsNonRoot()) || psc.getRunAsUser() == null
                    || psc.getRunAsUser() == 0 || psc.getSeccompProfile() == null
                    || !"RuntimeDefault".equals(psc.getSeccompProfile().getType())) {
                problems.add(name + ": pod security context must run as a non-root user with seccomp RuntimeDefault");
            }
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                problems.add(name + ": pod automounts a service account token");
            }
            if (pod.getServiceAccountName() == null || pod.getServiceAccountName().equals("default")) {
                problems.add(name + ": no ServiceAccount of its own");
            }
            if (pod.getTopologySpreadConstraints() == null || pod.getTopologySpreadConstraints().stream()
                    .noneMatch(t -> "kubernetes.io/hostname".equals(t.getTopologyKey()))) {
                problems.add(name + ": pods not spread across nodes");
            }
            Set<String> writable = new TreeSet<>();
            for (Container c : pod.getContainers()) {
                String where = name + "/" + c.getName();
                checkProbe(where, "startup", c.getStartupProbe(), problems);
                checkProbe(where, "readiness", c.getReadinessProbe(), problems);
                checkProbe(where, "liveness", c.getLivenessProbe(), problems);
                var r = c.getResources();
                for (String res : List.of("cpu", "memory")) {
                    if (r == null || r.getRequests() == null || !r.getRequests().containsKey(res)) {
                        problems.add(where + ": no " + res + " request");
                    }
                    if (r == null || r.getLimits() == null || !r.getLimits().containsKey(res)) {
                        problems.add(where + ": no " + res + " limit");
                    }
                }
                var sc = c.getSecurityContext();
                if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())
                        || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())
                        || !Boolean.TRUE.equals(sc.getRunAsNonRoot()) || Boolean.TRUE.equals(sc.getPrivileged())
                        || sc.getCapabilities() == null || !List.of("ALL").equals(sc.getCapabilities().getDrop())
                        || sc.getSeccompProfile() == null || !"RuntimeDefault".equals(sc.getSeccompProfile().getType())) {
                    problems.add(where + ": security context must be non-root, read-only root, no privilege escalation,"
                            + " all capabilities dropped, seccomp RuntimeDefault: " + sc);
                }
                c.getVolumeMounts().stream().filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
                        .forEach(m -> writable.add(m.getMountPath()));
                if (c.getEnv() != null) {
                    c.getEnv().stream().filter(e -> e.getValue() != null && e.getName().matches(".*(PASSWORD|SECRET|JAAS).*"))
                            .forEach(e -> problems.add(where + ": secret " + e.getName() + " embedded as a literal"));
                }
            }
            if (!writable.contains("/tmp")) {
                problems.add(name + ": no writable /tmp volume beside the read-only root filesystem");
            }
            pod.getVolumes().stream().filter(v -> v.getHostPath() != null)
                    .forEach(v -> problems.add(name + ": hostPath volume " + v.getName()));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void checkProbe(String where, String kind, Probe p, List<String> problems) {
        if (p == null || p.getHttpGet() == null) {
            problems.add(where + ": no " + kind + " probe");
            return;
        }
        String path = p.getHttpGet().getPath();
        boolean quarkus = path.equals("/q/health/" + (kind.equals("startup") ? "started" : kind.equals("readiness") ? "ready" : "live"));
        boolean keycloak = path.equals("/health/" + (kind.equals("startup") ? "started" : kind.equals("readiness") ? "ready" : "live"));
        if (!quarkus && !keycloak) {
            problems.add(where + ": " + kind + " probe on " + path);
        }
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void everyDeploymentHasItsServiceAccountServicePdbAndNetworkPolicySelectingItsPods(Path values) {
        Objects o = typed(values);
        Set<String> accounts = o.of(ServiceAccount.class).stream()
                .filter(sa -> Boolean.FALSE.equals(sa.getAutomountServiceAccountToken()))
                .map(sa -> sa.getMetadata().getName()).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (Deployment d : o.of(Deployment.class)) {
            String name = d.getMetadata().getName();
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            if (!accounts.contains(d.getSpec().getTemplate().getSpec().getServiceAccountName())) {
                problems.add(name + ": its ServiceAccount is missing or automounts a token");
            }
            if (o.of(PodDisruptionBudget.class).stream().noneMatch(p -> selects(p.getSpec().getSelector().getMatchLabels(), podLabels))) {
                problems.add(name + ": no PodDisruptionBudget selects its pods");
            }
            if (o.of(NetworkPolicy.class).stream().noneMatch(n -> selects(n.getSpec().getPodSelector().getMatchLabels(), podLabels)
                    && n.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")))) {
                problems.add(name + ": no NetworkPolicy (ingress and egress) selects its pods");
            }
            if (o.of(Service.class).stream().noneMatch(s -> selects(s.getSpec().getSelector(), podLabels))) {
                problems.add(name + ": no Service");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void onlyTheGatewayHasAnIngressWithTheConfiguredClassAndTls(Path values) throws Exception {
        Objects o = typed(values);
        List<Ingress> ingresses = o.of(Ingress.class);
        assertEquals(1, ingresses.size(), "one Ingress");
        var spec = ingresses.get(0).getSpec();
        var valuesTree = Chart.merge(Chart.YAML.readTree(Chart.DIR.resolve("values.yaml").toFile()),
                Chart.YAML.readTree(values.toFile()));
        assertEquals(valuesTree.path("ingress").path("className").asText(), spec.getIngressClassName());
        assertEquals(valuesTree.path("ingress").path("tlsSecretName").asText(), spec.getTls().get(0).getSecretName());
        Set<String> backends = spec.getRules().stream().flatMap(r -> r.getHttp().getPaths().stream())
                .map(p -> p.getBackend().getService().getName()).collect(Collectors.toSet());
        assertEquals(Set.of("gateway"), backends);
        assertTrue(o.of(Service.class).stream().allMatch(s -> "ClusterIP".equals(s.getSpec().getType())),
                "no NodePort or LoadBalancer Service bypasses the Ingress");
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void noSecretIsRenderedAndEveryCredentialComesFromASecretReference(Path values) {
        Objects o = typed(values);
        assertTrue(o.of(Secret.class).isEmpty(), "the chart renders no Secret (they are the operators' or created beforehand)");
        for (ConfigMap cm : o.of(ConfigMap.class)) {
            cm.getData().forEach((k, v) -> assertFalse(k.matches(".*(PASSWORD|SECRET|JAAS|CREDENTIAL).*"),
                    cm.getMetadata().getName() + " holds " + k));
        }
        for (Deployment d : o.of(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                c.getEnv().stream().filter(e -> e.getName().matches(".*(PASSWORD|JAAS).*"))
                        .forEach(e -> assertNotNull(e.getValueFrom().getSecretKeyRef(), d.getMetadata().getName() + " " + e.getName()));
            }
        }
    }

    /**
     * A stopped pod keeps serving for the shutdown delay while it leaves its Service's endpoints, then answers what it
     * has in flight (the applications wait up to 15 s, quarkus.shutdown.timeout): Kubernetes must not kill it before.
     */
    @ParameterizedTest
    @MethodSource("valueSets")
    void aStoppingPodHasTimeToLeaveItsEndpointsAndAnswerWhatItHasInFlight(Path values) {
        Objects o = typed(values);
        for (Deployment d : o.of(Deployment.class).stream().filter(x -> x.getMetadata().getName().endsWith("-service")
                || x.getMetadata().getName().equals("gateway")).toList()) {
            String name = d.getMetadata().getName();
            ConfigMap cm = o.of(ConfigMap.class).stream().filter(x -> x.getMetadata().getName().equals(name + "-config"))
                    .findFirst().orElseThrow();
            String delay = cm.getData().get("QUARKUS_SHUTDOWN_DELAY");
            assertNotNull(delay, name + " sets QUARKUS_SHUTDOWN_DELAY");
            long delaySeconds = Duration.parse("PT" + delay.toUpperCase(Locale.ROOT)).toSeconds();
            assertTrue(delaySeconds >= 1, name + " keeps serving a moment after SIGTERM: " + delay);
            long grace = d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            assertTrue(delaySeconds + 15 < grace, name + ": delay " + delay + " + 15 s in flight within the grace period "
                    + grace + " s");
        }
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void workloadsMatchTheServicesOwnConfiguration(Path values) {
        SuiteTopology suite = SuiteTopology.read();
        Objects o = typed(values);
        for (SuiteTopology.Workload w : suite.workloads().values()) {
            Deployment d = o.of(Deployment.class).stream().filter(x -> x.getMetadata().getName().equals(w.name()))
                    .findFirst().orElseThrow(() -> new AssertionError("no Deployment " + w.name()));
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals(w.port(), c.getPorts().get(0).getContainerPort(), w.name() + " port");
            assertTrue(c.getImage().contains("/" + w.name() + ":"), w.name() + " image named after the service: " + c.getImage());
            ConfigMap cm = o.of(ConfigMap.class).stream().filter(x -> x.getMetadata().getName().equals(w.name() + "-config"))
                    .findFirst().orElseThrow();
            assertTrue(cm.getData().containsKey("MFS_OIDC_ISSUER") && cm.getData().containsKey("MFS_OIDC_AUDIENCE"),
                    w.name() + " gets the issuer and audience");
            if (w.database() != null) {
                String url = cm.getData().get(w.envPrefix() + "_DB_URL");
                assertNotNull(url, w.name() + " reads " + w.envPrefix() + "_DB_URL");
                assertTrue(url.endsWith("/" + w.database()), w.name() + " database " + url);
                assertNotNull(cm.getData().get("KAFKA_BOOTSTRAP_SERVERS"), w.name() + " broker address");
                Set<String> fromSecrets = c.getEnv().stream().filter(e -> e.getValueFrom() != null)
                        .map(e -> e.getName()).collect(Collectors.toSet());
                assertTrue(fromSecrets.containsAll(Set.of(w.envPrefix() + "_DB_USER", w.envPrefix() + "_DB_PASSWORD")),
                        w.name() + " database credentials from a Secret: " + fromSecrets);
            }
            w.upstreamUrlEnv().forEach((env, port) -> {
                String url = cm.getData().get(env);
                assertNotNull(url, w.name() + " sets " + env);
                String upstream = suite.workloads().values().stream().filter(x -> x.port() == port).findFirst()
                        .orElseThrow().name();
                assertEquals("http://" + upstream + ":" + port, url, w.name() + " " + env);
            });
        }
    }
}
