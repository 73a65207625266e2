package org.mfs.platform.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Wakes this process's relay once a transaction that wrote outbox rows has committed (ADR 0028): a JTA
 * synchronization per such transaction, then an in-process signal. Replaces {@code pg_notify} on insert, whose
 * commit takes PostgreSQL's database-wide notification lock and holds it through the commit's WAL flush, so that
 * every writing transaction of the database committed one after the other.
 */
@ApplicationScoped
public class OutboxWakeUp {

    private static final Object REGISTERED = new Object();

    private final TransactionSynchronizationRegistry transactions;
    /** At most one permit: any number of commits before the relay looks again wake it once. */
    private final Semaphore signal = new Semaphore(0);

    public OutboxWakeUp(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** Called in the transaction that writes a row: the relay is woken when (and only if) it commits. */
    void afterCommitOfCurrentTransaction() {
        if (transactions.getResource(REGISTERED) != null) {
            return;
        }
        transactions.putResource(REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the commit
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wake();
                }
            }
        });
    }

    /** Wakes the relay now (a commit, or a stop). */
    void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** Waits until woken or {@code timeout} passed; true when woken. */
    boolean await(Duration timeout) throws InterruptedException {
        boolean woken = signal.tryAcquire(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        signal.drainPermits();
        return woken;
    }
}
