package org.mfs.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;

/**
 * Kafka the Strimzi way, checked against what the services themselves say they produce and consume
 * ({@link SuiteTopology}): a KafkaTopic for every topic, and per service a KafkaUser (SCRAM-SHA-512) whose ACLs
 * are exactly its own topics and consumer groups.
 */
class MessagingPolicyTest {

    static Stream<Path> valueSets() {
        return Stream.of(Chart.DEV, Chart.PRODUCTION);
    }

    static List<Object> typed(Path values) {
        return Chart.render(values).docs().stream().map(TypedManifests::parse).toList();
    }

    static <T> List<T> of(List<Object> all, Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void everyTopicTheServicesUseHasAKafkaTopicWithTheConfiguredSettings(Path values) throws Exception {
        var v = Chart.merge(Chart.YAML.readTree(Chart.DIR.resolve("values.yaml").toFile()), Chart.YAML.readTree(values.toFile()));
        var settings = v.path("kafka").path("topics");
        List<KafkaTopic> topics = of(typed(values), KafkaTopic.class);
        Map<String, KafkaTopic> byName = topics.stream().collect(Collectors.toMap(t -> t.getSpec().getTopicName(), t -> t));
        Set<String> missing = new TreeSet<>(SuiteTopology.read().allTopics());
        missing.removeAll(byName.keySet());
        assertTrue(missing.isEmpty(), "topics the services use without a KafkaTopic: " + missing);
        for (KafkaTopic t : topics) {
            String name = t.getSpec().getTopicName();
            assertEquals(settings.path("partitions").asInt(), t.getSpec().getPartitions(), name + " partitions");
            assertEquals(settings.path("replicas").asInt(), t.getSpec().getReplicas(), name + " replicas");
            assertEquals(settings.path("minInsyncReplicas").asInt(),
                    ((Number) t.getSpec().getConfig().get("min.insync.replicas")).intValue(), name + " min.insync.replicas");
            long retention = ((Number) t.getSpec().getConfig().get("retention.ms")).longValue();
            assertEquals(settings.path(name.contains("dlq") ? "deadLetterRetentionMs" : "retentionMs").asLong(), retention,
                    name + " retention.ms");
            assertEquals(v.path("kafka").path("clusterName").asText(), t.getMetadata().getLabels().get("strimzi.io/cluster"));
        }
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void everyServiceHasAScramUserWhoseAclsAreExactlyItsOwnTopicsAndGroups(Path values) {
        SuiteTopology suite = SuiteTopology.read();
        Map<String, KafkaUser> users = of(typed(values), KafkaUser.class).stream()
                .collect(Collectors.toMap(u -> u.getMetadata().getName(), u -> u));
        Set<String> expectedUsers = suite.workloads().values().stream().filter(w -> w.database() != null)
                .map(SuiteTopology.Workload::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expectedUsers, new TreeSet<>(users.keySet()), "one KafkaUser per service, none for the gateway");

        for (String service : expectedUsers) {
            SuiteTopology.Workload w = suite.workloads().get(service);
            KafkaUser user = users.get(service);
            assertTrue(user.getSpec().getAuthentication() instanceof KafkaUserScramSha512ClientAuthentication,
                    service + " authenticates with SCRAM-SHA-512");
            var acls = ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();

            Map<String, Set<AclOperation>> topicGrants = new TreeMap<>();
            Map<String, Set<AclOperation>> groupGrants = new TreeMap<>();
            for (AclRule rule : acls) {
                if (rule.getResource() instanceof AclRuleTopicResource t) {
                    assertEquals(AclResourcePatternType.LITERAL, t.getPatternType(), service + " topic ACLs name one topic each");
                    topicGrants.computeIfAbsent(t.getName(), k -> new TreeSet<>()).addAll(rule.getOperations());
                } else if (rule.getResource() instanceof AclRuleGroupResource g) {
                    assertEquals(AclResourcePatternType.PREFIX, g.getPatternType());
                    groupGrants.computeIfAbsent(g.getName(), k -> new TreeSet<>()).addAll(rule.getOperations());
                } else {
                    throw new AssertionError(service + " has an ACL on " + rule.getResource() + " (only topics and its groups)");
                }
            }

            Map<String, Set<AclOperation>> expected = new TreeMap<>();
            for (String t : w.produces()) {
                expected.computeIfAbsent(t, k -> new TreeSet<>()).addAll(Set.of(AclOperation.WRITE, AclOperation.DESCRIBE));
            }
            Set<String> consumes = w.consumes();
            for (String t : consumes) {
                expected.computeIfAbsent(t, k -> new TreeSet<>()).addAll(Set.of(AclOperation.READ, AclOperation.DESCRIBE));
            }
            assertEquals(expected, topicGrants, service + ": topic ACLs vs the topics its configuration and the AsyncAPI"
                    + " document say it produces (Write, Describe) and consumes (Read, Describe)");
            assertEquals(consumes.isEmpty() ? Map.of() : Map.of(service, Set.of(AclOperation.READ, AclOperation.DESCRIBE)),
                    groupGrants, service + ": consumer groups named after itself, only when it consumes");
            // the sources' own topics are all granted, whatever was announced
            assertTrue(topicGrants.keySet().containsAll(w.produces()) && topicGrants.keySet().containsAll(w.consumes()));
        }
    }


    @Test
    void productionRunsThreeBrokersWithReplicationThreeAndMinInsyncTwoBehindAScramTlsListener() {
        List<Object> all = typed(Chart.PRODUCTION);
        KafkaNodePool pool = of(all, KafkaNodePool.class).get(0);
        assertEquals(3, pool.getSpec().getReplicas());
        assertTrue(pool.getSpec().getRoles().stream().map(Object::toString).map(String::toLowerCase).toList()
                .containsAll(List.of("controller", "broker")), "KRaft nodes: " + pool.getSpec().getRoles());
        Kafka kafka = of(all, Kafka.class).get(0);
        assertEquals(3, ((Number) kafka.getSpec().getKafka().getConfig().get("default.replication.factor")).intValue());
        assertEquals(2, ((Number) kafka.getSpec().getKafka().getConfig().get("min.insync.replicas")).intValue());
        assertEquals(false, kafka.getSpec().getKafka().getConfig().get("auto.create.topics.enable"));
        var listeners = kafka.getSpec().getKafka().getListeners();
        assertTrue(listeners.stream().allMatch(l -> l.isTls() && l.getAuth() instanceof KafkaListenerAuthenticationScramSha512),
                "every listener is TLS with SCRAM-SHA-512");
        assertTrue(kafka.getSpec().getKafka().getAuthorization() != null, "ACLs are enforced");
        assertEquals(".*", kafka.getSpec().getKafkaExporter().getGroupRegex(), "consumer lag of every group is exported");
        of(all, KafkaTopic.class).forEach(t -> {
            assertEquals(3, t.getSpec().getReplicas(), t.getSpec().getTopicName());
            assertEquals(2, ((Number) t.getSpec().getConfig().get("min.insync.replicas")).intValue());
        });
    }
}
