package org.mfs.agreements.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.mfs.platform.idempotency.Idempotency;

import io.quarkus.scheduler.Scheduled;

/**
 * Daily housekeeping: notify obligations that became overdue (also available on demand over HTTP), and forget
 * Idempotency-Keys older than the retention.
 */
@ApplicationScoped
public class OverdueJob {

    private static final Logger LOG = Logger.getLogger(OverdueJob.class);

    private final ObligationService obligations;
    private final Idempotency idempotency;
    private final Duration keyRetention;

    public OverdueJob(ObligationService obligations, Idempotency idempotency,
            @ConfigProperty(name = "mfs.agreements.idempotency-retention", defaultValue = "P1D") Duration keyRetention) {
        this.obligations = obligations;
        this.idempotency = idempotency;
        this.keyRetention = keyRetention;
    }

    @Scheduled(identity = "obligation-overdue", cron = "${mfs.agreements.overdue-cron:0 15 0 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        var result = obligations.checkOverdue();
        if (result.newlyOverdue() > 0) {
            LOG.infof("%d obligations became overdue", result.newlyOverdue());
        }
        int purged = idempotency.purgeOlderThan(Instant.now().minus(keyRetention));
        if (purged > 0) {
            LOG.infof("forgot %d Idempotency-Keys older than %s", purged, keyRetention);
        }
    }
}
