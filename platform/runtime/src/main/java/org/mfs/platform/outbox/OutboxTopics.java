package org.mfs.platform.outbox;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;
import org.mfs.platform.kafka.KafkaAdmins;

/** Creates the service's topics that do not exist yet, with the configured partitions, replication and min ISR. */
final class OutboxTopics {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private OutboxTopics() {
    }

    static void ensure(String bootstrapServers, OutboxConfig config)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = KafkaAdmins.open(bootstrapServers)) {
            Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            List<NewTopic> missing = config.topics().stream().filter(t -> !existing.contains(t))
                    .map(config::newTopic).toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                LOG.infof("created topics %s with %d partitions, replication factor %d, min.insync.replicas %d",
                        missing.stream().map(NewTopic::name).toList(), config.partitions(),
                        config.replicationFactor(), config.minInsyncReplicas());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
