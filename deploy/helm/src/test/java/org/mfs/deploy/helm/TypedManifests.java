package org.mfs.deploy.helm;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Every rendered manifest as a typed object: fabric8's kubernetes-model 8.0.0 for the core kinds, Strimzi's own API
 * (io.strimzi:api 0.49.0) for its kinds, the project's models for CloudNativePG's ({@link CloudNativePg}) and the
 * Prometheus Operator's ({@link PrometheusOperator}). Both fabric8 and Strimzi keep fields their model does not know
 * in "additional properties" instead of failing, so a manifest is rejected when any object in its tree holds one: a
 * misspelt or misplaced field fails the build here rather than being dropped silently by the API server.
 */
final class TypedManifests {

    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
    /** Strimzi's model is annotated for Jackson 2; the CloudNativePG records fail on unknown fields themselves. */
    private static final ObjectMapper JACKSON2 = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private static final Map<String, Class<?>> CORE = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    private static final Map<String, Class<?>> STRIMZI = Map.of(
            "kafka.strimzi.io/v1/Kafka", Kafka.class,
            "kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1/KafkaUser", KafkaUser.class);

    private static final Map<String, Class<?>> CNPG = Map.of(
            "postgresql.cnpg.io/v1/Cluster", CloudNativePg.Cluster.class,
            "postgresql.cnpg.io/v1/ScheduledBackup", CloudNativePg.ScheduledBackup.class);

    private static final Map<String, Class<?>> PROMETHEUS_OPERATOR = Map.of(
            "monitoring.coreos.com/v1/ServiceMonitor", PrometheusOperator.ServiceMonitor.class,
            "monitoring.coreos.com/v1/PodMonitor", PrometheusOperator.PodMonitor.class,
            "monitoring.coreos.com/v1/PrometheusRule", PrometheusOperator.PrometheusRule.class);

    private TypedManifests() {
    }

    /** The typed object of a manifest; throws naming the manifest and the unknown fields when it has any. */
    static Object parse(JsonNode doc) {
        String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        String name = key + " " + doc.path("metadata").path("name").asText();
        Object typed;
        try {
            if (CORE.containsKey(key)) {
                typed = FABRIC8.unmarshal(doc.toString(), CORE.get(key));
            } else if (STRIMZI.containsKey(key)) {
                typed = JACKSON2.treeToValue(doc, STRIMZI.get(key));
            } else if (CNPG.containsKey(key)) {
                typed = JACKSON2.treeToValue(doc, CNPG.get(key));
            } else if (PROMETHEUS_OPERATOR.containsKey(key)) {
                typed = JACKSON2.treeToValue(doc, PROMETHEUS_OPERATOR.get(key));
            } else {
                throw new AssertionError(name + ": a kind this project has no typed model for");
            }
        } catch (Exception e) {
            throw new AssertionError(name + " does not parse into its typed model: " + e.getMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        collectUnknown(typed, "", unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new AssertionError(name + " has fields its model does not know: " + unknown);
        }
        return typed;
    }

    /** Walks the model's getters; any non-empty additional-properties map is an unknown field. */
    static void collectUnknown(Object o, String path, List<String> out, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                collectUnknown(e, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                collectUnknown(e.getValue(), path + "." + e.getKey(), out, seen);
            }
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!(pkg.startsWith("io.fabric8.kubernetes.api.model") || pkg.startsWith("io.strimzi.api"))) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> out.add(path + "." + k));
                }
            } else {
                collectUnknown(value, path + "." + decapitalize(m.getName().substring(3)), out, seen);
            }
        }
    }

    private static String decapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
