package org.mfs.platform.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the outbox relay and of the topics the service owns. */
@ConfigMapping(prefix = "mfs.outbox")
public interface OutboxConfig {

    /** Whether this process runs a relay (any number of replicas may; they take turns safely). */
    @WithDefault("true")
    boolean relayEnabled();

    /**
     * Rows claimed per transaction: large enough that a backlog drains in few transactions and acknowledgement
     * rounds (ADR 0017); at a steady write rate a batch holds only what committed since the previous one.
     */
    @WithDefault("5000")
    int batchSize();

    /**
     * Payload bytes claimed per transaction, as PostgreSQL stores them ({@code pg_column_size}): a batch ends at the
     * row that would pass it (always holding at least one row), so large events cannot make a batch outgrow the
     * heap whatever the row count.
     */
    @WithDefault("8388608")
    int batchBytes();

    /**
     * How long one batch may keep sending: after it the batch stops starting new rounds, puts the rows it did not
     * send back to unsent and commits, so the advisory lock and the transaction are never held for long.
     */
    @WithDefault("10s")
    Duration batchTimeout();

    /**
     * The longest the relay waits without being woken: the latency bound for rows this process's commits did not
     * announce (another process's, rows left by a crash), ADR 0028.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** First and largest wait between attempts while the broker (or one topic) is unreachable. */
    @WithDefault("200ms")
    Duration minBackoff();

    @WithDefault("10s")
    Duration maxBackoff();

    /** Producer {@code max.block.ms}: the longest a send may wait for a topic's metadata. */
    @WithDefault("3s")
    Duration maxBlock();

    /** Producer {@code request.timeout.ms}. */
    @WithDefault("5s")
    Duration requestTimeout();

    /** Producer {@code delivery.timeout.ms}: the longest a sent record may wait for its acknowledgement. */
    @WithDefault("8s")
    Duration deliveryTimeout();

    /**
     * The relay counts as stalled (readiness DOWN, gauge {@code mfs_outbox_oldest_unsent_seconds} above it) when
     * the oldest unsent row is older than this.
     */
    @WithDefault("5m")
    Duration stalledAfter();

    /** Topics this service publishes to; created at startup when missing. */
    List<String> topics();

    @WithDefault("3")
    int partitions();

    /** Replication factor of the topics the relay creates: 3 in production, 1 only in the local stack and tests. */
    @WithDefault("3")
    short replicationFactor();

    /** {@code min.insync.replicas} of the topics the relay creates: 2 in production, 1 in the local stack and tests. */
    @WithDefault("2")
    int minInsyncReplicas();

    /** A topic this service creates (its own, or a consumer's dead-letter topic) with the settings above. */
    default NewTopic newTopic(String name) {
        return new NewTopic(name, partitions(), replicationFactor())
                .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas())));
    }
}
