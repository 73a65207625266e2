package org.mfs.platform.outbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends one claimed batch so that per-aggregate order always holds.
 * <p>
 * The first row of every aggregate goes out at once (different aggregates in parallel); an aggregate's next row is
 * sent as soon as Kafka acknowledged its previous one, so the producer's pipeline stays full while each aggregate
 * has at most one record in flight. At an aggregate's first failure its remaining rows are not sent at all. So no
 * record of an aggregate can reach Kafka after an earlier record of the same aggregate failed, whether the send
 * threw, returned an already-failed future (a metadata timeout) or failed later (a delivery timeout), and every
 * acknowledged row stays marked sent. After the batch timeout or a fatal error nothing new is sent; what is in
 * flight is still waited for.
 */
final class BatchSender {

    /** What became of each row of the batch. */
    record Outcome(Set<UUID> sent, Map<UUID, String> failed, Set<UUID> held, boolean brokerFailure, boolean fatal,
            String firstError) {
    }

    private record InFlight(String aggregate, OutboxRow row, Future<RecordMetadata> future) {
    }

    private final Producer<String, byte[]> producer;
    private final TopicGate gate;
    private final Map<String, Deque<OutboxRow>> queues = new LinkedHashMap<>();
    /** Sent and not yet answered, in the order sent (Kafka answers a partition's records in that order). */
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private final Set<UUID> sent = new HashSet<>();
    private final Map<UUID, String> failed = new HashMap<>();
    private boolean brokerFailure;
    private boolean fatal;
    private String firstError;

    private BatchSender(List<OutboxRow> rows, Producer<String, byte[]> producer, TopicGate gate) {
        this.producer = producer;
        this.gate = gate;
        for (OutboxRow row : rows) {
            queues.computeIfAbsent(row.aggregateKey(), k -> new ArrayDeque<>()).add(row);
        }
    }

    /**
     * @param ackTimeout the longest to wait for one acknowledgement (the producer's delivery timeout plus a margin;
     *                   the producer completes every future within its delivery timeout)
     */
    static Outcome send(List<OutboxRow> rows, Producer<String, byte[]> producer, TopicGate gate, Duration batchTimeout,
            Duration ackTimeout) {
        return new BatchSender(rows, producer, gate).run(rows, System.nanoTime() + batchTimeout.toNanos(), ackTimeout);
    }

    private Outcome run(List<OutboxRow> rows, long deadline, Duration ackTimeout) {
        for (String aggregate : List.copyOf(queues.keySet())) {
            sendNext(aggregate);
        }
        while (!inFlight.isEmpty()) {
            InFlight f = inFlight.poll();
            Throwable error = await(f.future(), ackTimeout);
            Deque<OutboxRow> queue = queues.get(f.aggregate());
            if (error == null) {
                sent.add(f.row().id());
                gate.succeeded(f.row().topic());
                queue.poll();
                if (queue.isEmpty()) {
                    queues.remove(f.aggregate());
                } else if (!fatal && System.nanoTime() - deadline < 0) {
                    sendNext(f.aggregate());
                }
                continue;
            }
            String reason = ProducerErrors.describe(error);
            failed.put(f.row().id(), reason);
            queues.remove(f.aggregate()); // nothing later of this aggregate goes out in this batch
            if (firstError == null) {
                firstError = reason;
            }
            if (ProducerErrors.isTopicError(error)) {
                if (!gate.isSuspended(f.row().topic())) {
                    gate.failed(f.row().topic(), reason);
                }
            } else if (ProducerErrors.isFatal(error)) {
                fatal = true;
            } else {
                brokerFailure = true;
            }
        }
        Set<UUID> held = new HashSet<>();
        for (OutboxRow row : rows) {
            if (!sent.contains(row.id()) && !failed.containsKey(row.id())) {
                held.add(row.id());
            }
        }
        return new Outcome(sent, failed, held, brokerFailure, fatal, firstError);
    }

    /** Sends the aggregate's next row, unless its topic is suspended (then the aggregate's rows stay unsent). */
    private void sendNext(String aggregate) {
        OutboxRow row = queues.get(aggregate).peek();
        if (gate.isSuspended(row.topic())) {
            queues.remove(aggregate);
            return;
        }
        Future<RecordMetadata> future;
        try {
            future = producer.send(row.toRecord());
        } catch (RuntimeException e) {
            future = new FailedFuture(e);
        }
        if (future.isDone()) {
            // an already-failed future (e.g. metadata timeout): suspend the topic before sending more to it
            Throwable error = failure(future);
            if (error != null && ProducerErrors.isTopicError(error)) {
                gate.failed(row.topic(), ProducerErrors.describe(error));
            }
        }
        inFlight.add(new InFlight(aggregate, row, future));
    }

    private static Throwable await(Future<RecordMetadata> future, Duration ackTimeout) {
        try {
            future.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            return new org.apache.kafka.common.errors.TimeoutException(
                    "no acknowledgement within " + ackTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private static Throwable failure(Future<RecordMetadata> done) {
        try {
            done.get(0, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return null;
        }
    }

    /** A send that threw, seen as a future that failed with that exception. */
    private record FailedFuture(RuntimeException error) implements Future<RecordMetadata> {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public RecordMetadata get() throws ExecutionException {
            throw new ExecutionException(error);
        }

        @Override
        public RecordMetadata get(long timeout, TimeUnit unit) throws ExecutionException {
            throw new ExecutionException(error);
        }
    }
}
