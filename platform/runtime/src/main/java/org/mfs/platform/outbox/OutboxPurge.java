package org.mfs.platform.outbox;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Deletes outbox rows published longer ago than {@code mfs.outbox.retention} (default 7 days), every hour. Unsent
 * rows are never deleted, and per-aggregate sequences continue from {@code outbox_sequence}, so a purge changes
 * nothing an integrator sees; Kafka is the log of record for published events.
 */
@ApplicationScoped
public class OutboxPurge {

    private static final Logger LOG = Logger.getLogger(OutboxPurge.class);

    private final EntityManager em;
    private final Duration retention;

    public OutboxPurge(EntityManager em, @ConfigProperty(name = "mfs.outbox.retention", defaultValue = "P7D") Duration retention) {
        this.em = em;
        this.retention = retention;
    }

    @Scheduled(identity = "outbox-purge", every = "${mfs.outbox.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void purge() {
        int purged = em.createNativeQuery("delete from outbox_event where published_at < :before")
                .setParameter("before", Instant.now().minus(retention)).executeUpdate();
        if (purged > 0) {
            LOG.infof("purged %d outbox rows published more than %s ago", purged, retention);
        }
    }
}
