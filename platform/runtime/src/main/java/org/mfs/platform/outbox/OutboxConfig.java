package org.mfs.platform.outbox;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the outbox relay and of the topics the service owns. */
@ConfigMapping(prefix = "mfs.outbox")
public interface OutboxConfig {

    /** Whether this process runs a relay (any number of replicas may; they take turns safely). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Rows published per transaction. */
    @WithDefault("500")
    int batchSize();

    /** Safety-net poll when no commit notification arrives. */
    @WithDefault("5s")
    Duration pollInterval();

    /** First and largest wait between attempts while the broker is unreachable. */
    @WithDefault("200ms")
    Duration minBackoff();

    @WithDefault("10s")
    Duration maxBackoff();

    /** Topics this service publishes to; created at startup when missing. */
    List<String> topics();

    @WithDefault("3")
    int partitions();

    @WithDefault("1")
    short replicationFactor();
}
