package org.mfs.agreements;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.outbox.OutboxConfig;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Topics are created with the replication factor and min.insync.replicas of the configuration: 3 and 2 unless
 * told otherwise (production), 1 and 1 in the tests' single-broker cluster.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class OutboxTopicSettingsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void productionDefaultsAreThreeCopiesAndTwoInSync() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(OutboxConfig.class)
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(Map.of("mfs.outbox.topics", "x.y.v1"), "only-topics", 100))
                .build();
        OutboxConfig outbox = config.getConfigMapping(OutboxConfig.class);
        assertEquals(3, outbox.replicationFactor());
        assertEquals(2, outbox.minInsyncReplicas());
    }

    @Test
    void theTestClusterTopicsHaveTheConfiguredSettings() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            String topic = "agreements.agreement.v1";
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            assertEquals(1, d.partitions().get(0).replicas().size());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config c = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertEquals("1", c.get("min.insync.replicas").value());
            assertEquals(ConfigEntrySource.TOPIC, ConfigEntrySource.of(c.get("min.insync.replicas").source()),
                    "set on the topic by the relay, not inherited from the broker");
        }
    }

    private enum ConfigEntrySource {
        TOPIC, OTHER;

        static ConfigEntrySource of(org.apache.kafka.clients.admin.ConfigEntry.ConfigSource s) {
            return s == org.apache.kafka.clients.admin.ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG ? TOPIC : OTHER;
        }
    }
}
