package org.mfs.agreements;

import java.time.Duration;
import java.util.List;

import org.mfs.platform.outbox.OutboxConfig;

/**
 * The service's outbox settings with short producer timeouts, so a test relay meets failures within seconds, and a
 * byte limit per batch and a poll interval of the test's choosing.
 */
record ShortTimeoutConfig(OutboxConfig base, int batchBytes, Duration pollInterval) implements OutboxConfig {

    ShortTimeoutConfig(OutboxConfig base) {
        this(base, base.batchBytes());
    }

    ShortTimeoutConfig(OutboxConfig base, int batchBytes) {
        this(base, batchBytes, Duration.ofMillis(500));
    }

    @Override
    public boolean relayEnabled() {
        return true;
    }

    @Override
    public int batchSize() {
        return base.batchSize();
    }

    @Override
    public Duration batchTimeout() {
        return Duration.ofSeconds(5);
    }

    @Override
    public Duration minBackoff() {
        return Duration.ofMillis(100);
    }

    @Override
    public Duration maxBackoff() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Duration maxBlock() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Duration requestTimeout() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Duration deliveryTimeout() {
        return Duration.ofSeconds(2);
    }

    @Override
    public Duration stalledAfter() {
        return base.stalledAfter();
    }

    @Override
    public List<String> topics() {
        return base.topics();
    }

    @Override
    public int partitions() {
        return base.partitions();
    }

    @Override
    public short replicationFactor() {
        return base.replicationFactor();
    }

    @Override
    public int minInsyncReplicas() {
        return base.minInsyncReplicas();
    }
}
