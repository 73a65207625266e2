package org.mfs.platform.idempotency;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Forgets Idempotency-Keys older than {@code mfs.idempotency.retention} (default one day), every hour, in every
 * service: a client retries within minutes, and the table must not grow forever. Safe with several replicas
 * (the delete is idempotent).
 */
@ApplicationScoped
public class IdempotencyKeyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeyPurge.class);

    private final Idempotency idempotency;
    private final Duration retention;

    public IdempotencyKeyPurge(Idempotency idempotency,
            @ConfigProperty(name = "mfs.idempotency.retention", defaultValue = "P1D") Duration retention) {
        this.idempotency = idempotency;
        this.retention = retention;
    }

    @Scheduled(identity = "idempotency-key-purge", every = "${mfs.idempotency.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void purge() {
        int purged = idempotency.purgeOlderThan(Instant.now().minus(retention));
        if (purged > 0) {
            LOG.infof("forgot %d Idempotency-Keys older than %s", purged, retention);
        }
    }
}
