package org.mfs.minerals.service.imports;

import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.postgresql.copy.CopyIn;

/**
 * Hands the chunks of a COPY from the parsing thread to one writer thread, so that Java parses the next chunk
 * while PostgreSQL ingests the previous one (ADR 0103, 2026-11-30). At most {@link #DEPTH} chunks wait in the
 * queue, so memory stays bounded (about 256 KB each) and a slow database slows the parser down instead of filling the
 * heap.
 * <p>
 * The COPY belongs to the parsing thread: it ends it ({@link CopyIn#endCopy()}) or cancels it, always after the
 * writer has stopped ({@link #close()} joins it), so the connection is never used by two threads at once and the
 * writer never outlives the import. A failure of the writer (the COPY cancelled by {@code statement_timeout}, the
 * connection lost) is rethrown to the parsing thread at its next hand-off or at {@link #finish()}, as the
 * {@link SQLException} the driver gave.
 */
final class CopyPipe {

    static final int DEPTH = 3;
    private static final byte[] END = new byte[0];

    private final CopyIn copy;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(DEPTH);
    private final Thread writer;
    private volatile Throwable failure;
    private volatile boolean stopped;

    CopyPipe(CopyIn copy) {
        this.copy = copy;
        this.writer = new Thread(this::write, "minerals-import-copy");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    private void write() {
        try {
            while (true) {
                byte[] chunk = queue.take();
                if (chunk == END || stopped) {
                    return;
                }
                copy.writeToCopy(chunk, 0, chunk.length);
            }
        } catch (Throwable e) {
            failure = e;
            queue.clear(); // the parser may be waiting for room: it wakes, sees the failure and stops
        }
    }

    /** Queues one chunk, waiting while {@link #DEPTH} chunks are queued; throws what stopped the writer. */
    void send(byte[] chunk) throws SQLException {
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (!writer.isAlive()) {
                    throw new IllegalStateException("the COPY writer stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing the import to the database", e);
        }
        rethrow();
    }

    /** Waits until every queued chunk is written; throws what stopped the writer. The COPY is then the caller's. */
    void finish() throws SQLException {
        send(END);
        join();
        rethrow();
    }

    /** Stops the writer without writing what is queued and waits for it; never throws. A no-op after finish(). */
    void close() {
        stopped = true;
        queue.clear();
        queue.offer(END);
        join();
    }

    private void join() {
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true; // the writer must not outlive the import: wait on, keep the interrupt
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() throws SQLException {
        Throwable f = failure;
        if (f instanceof SQLException e) {
            throw e;
        }
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException("the COPY writer failed", f);
        }
    }
}
