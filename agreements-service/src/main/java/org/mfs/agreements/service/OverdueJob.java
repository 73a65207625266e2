package org.mfs.agreements.service;


import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Daily: notify obligations that became overdue (also available on demand over HTTP). Old Idempotency-Keys are
 * forgotten by the platform's IdempotencyKeyPurge.
 */
@ApplicationScoped
public class OverdueJob {

    private static final Logger LOG = Logger.getLogger(OverdueJob.class);

    private final ObligationService obligations;

    public OverdueJob(ObligationService obligations) {
        this.obligations = obligations;
    }

    @Scheduled(identity = "obligation-overdue", cron = "${mfs.agreements.overdue-cron:0 15 0 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        var result = obligations.checkOverdue();
        if (result.newlyOverdue() > 0) {
            LOG.infof("%d obligations became overdue", result.newlyOverdue());
        }
    }
}
