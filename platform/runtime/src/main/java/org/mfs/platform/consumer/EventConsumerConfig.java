package org.mfs.platform.consumer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings shared by every event consumer of the service. */
@ConfigMapping(prefix = "mfs.consumer")
public interface EventConsumerConfig {

    /** Attempts at a record that keeps failing (while the database answers) before it is dead-lettered. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait after the first failed attempt; doubles with each further attempt. */
    @WithDefault("200ms")
    Duration retryBackoff();

    /** Wait between checks while the database does not answer (records are then kept, not dead-lettered). */
    @WithDefault("2s")
    Duration outageBackoff();

    /** Longest a dead-letter send may wait for its topic's metadata ({@code max.block.ms}). */
    @WithDefault("5s")
    Duration deadLetterMaxBlock();

    /** Processed event ids older than this are purged (sequences are kept, so older redeliveries stay no-ops). */
    @WithDefault("P7D")
    Duration processedRetention();
}
