package org.mfs.minerals.service.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyIn;

/**
 * The hand-off between the parser and the COPY writer thread: every chunk arrives in order, a failure of the writer
 * reaches the parser as the driver's exception, the queue stays bounded, and the writer never outlives the pipe.
 * (The whole path against a real PostgreSQL is covered by BulkImportTest and ImportLimitsTest.)
 */
class CopyPipeTest {

    /** A CopyIn whose writeToCopy does {@code write}; the pipe calls nothing else. */
    interface Write {
        void write(byte[] b) throws Exception;
    }

    static CopyIn copyIn(Write write, AtomicReference<Thread> writerThread) {
        return (CopyIn) Proxy.newProxyInstance(CopyIn.class.getClassLoader(), new Class<?>[] { CopyIn.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("writeToCopy") && args.length == 3) {
                        writerThread.set(Thread.currentThread());
                        byte[] b = (byte[]) args[0];
                        write.write(java.util.Arrays.copyOfRange(b, (int) args[1], (int) args[1] + (int) args[2]));
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void everyChunkArrivesInOrderOnAnotherThread() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        AtomicReference<Thread> writer = new AtomicReference<>();
        CopyPipe pipe = new CopyPipe(copyIn(received::write, writer));
        for (int i = 0; i < 200; i++) {
            byte[] chunk = ("chunk " + i + "\n").repeat(100).getBytes();
            sent.write(chunk);
            pipe.send(chunk);
        }
        pipe.finish();
        assertArrayEquals(sent.toByteArray(), received.toByteArray());
        assertFalse(writer.get() == Thread.currentThread(), "the COPY is written by the writer thread");
        assertFalse(writer.get().isAlive(), "the writer has ended once finish() returns");
    }

    @Test
    void aFailureOfTheWriterReachesTheParserAsTheDriversException() throws Exception {
        SQLException cancelled = new SQLException("canceling statement due to statement timeout", "57014");
        AtomicInteger writes = new AtomicInteger();
        AtomicReference<Thread> writer = new AtomicReference<>();
        CopyPipe pipe = new CopyPipe(copyIn(b -> {
            if (writes.incrementAndGet() == 3) {
                throw cancelled;
            }
        }, writer));
        SQLException thrown = assertThrows(SQLException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                pipe.send(new byte[] { 1 });
            }
            pipe.finish();
        });
        assertSame(cancelled, thrown, "the import maps 57014 to 408 as before");
        assertEquals(3, writes.get(), "nothing is written after the failure");
        pipe.close();
        assertFalse(writer.get().isAlive());
    }

    @Test
    void aSlowDatabaseHoldsTheParserBackAndClosingStopsTheWriterWithoutWritingTheRest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger writes = new AtomicInteger();
        AtomicReference<Thread> writer = new AtomicReference<>();
        CopyPipe pipe = new CopyPipe(copyIn(b -> {
            writes.incrementAndGet();
            release.await();
        }, writer));
        Thread parser = new Thread(() -> {
            try {
                for (int i = 0; i < 100; i++) {
                    pipe.send(new byte[] { 1 });
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        parser.start();
        parser.join(500);
        assertTrue(parser.isAlive(), "the parser waits: at most " + CopyPipe.DEPTH + " chunks are queued");
        assertEquals(1, writes.get(), "one chunk is being written");
        release.countDown();
        parser.join(TimeUnit.SECONDS.toMillis(10));
        pipe.close(); // a failed import: whatever is still queued is dropped
        assertFalse(writer.get().isAlive(), "the writer never outlives the import");
        assertTrue(writes.get() <= 100);
    }
}
