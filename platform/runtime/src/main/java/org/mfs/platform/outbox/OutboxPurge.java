package org.mfs.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Deletes the outbox rows that a relay of the previous release marked published instead of deleting them (during a
 * rolling update from a release before ADR 20 both relays take turns), every hour. This release's relay deletes
 * each row itself once Kafka acknowledged it; unsent rows are never deleted. Goes, with the {@code published_at}
 * column, in the release after this one.
 */
@ApplicationScoped
public class OutboxPurge {

    private static final Logger LOG = Logger.getLogger(OutboxPurge.class);

    private final EntityManager em;

    public OutboxPurge(EntityManager em) {
        this.em = em;
    }

    @Scheduled(identity = "outbox-purge", every = "${mfs.outbox.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void purge() {
        int purged = em.createNativeQuery("delete from outbox_event where published_at is not null").executeUpdate();
        if (purged > 0) {
            LOG.infof("purged %d outbox rows marked published by a relay of the previous release", purged);
        }
    }
}
