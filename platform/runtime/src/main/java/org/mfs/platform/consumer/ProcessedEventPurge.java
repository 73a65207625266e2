package org.mfs.platform.consumer;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Deletes processed event ids older than {@code mfs.consumer.processed-retention} (default 7 days), every hour, like
 * the outbox purge. A redelivery older than that is still a no-op: the aggregate's last applied sequence is kept.
 */
@ApplicationScoped
public class ProcessedEventPurge {

    private static final Logger LOG = Logger.getLogger(ProcessedEventPurge.class);

    private final EntityManager em;
    private final EventConsumerConfig config;

    public ProcessedEventPurge(EntityManager em, EventConsumerConfig config) {
        this.em = em;
        this.config = config;
    }

    @Scheduled(identity = "consumer-processed-purge", every = "${mfs.consumer.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    /** Deletes the ids past the retention now; returns how many. */
    @Transactional
    public int purge() {
        int purged = em.createNativeQuery("delete from consumer_processed_event where processed_at < :before")
                .setParameter("before", Instant.now().minus(config.processedRetention())).executeUpdate();
        if (purged > 0) {
            LOG.infof("purged %d processed event ids older than %s", purged, config.processedRetention());
        }
        return purged;
    }
}
