package org.mfs.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * How a batch is sent when Kafka fails some records: never a record of an aggregate after an earlier one of the same
 * aggregate failed, acknowledged rows reported sent, other aggregates and topics not held back.
 */
class BatchSenderTest {

    private static OutboxRow row(String aggregate, long sequence, String topic) {
        return new OutboxRow(UUID.randomUUID(), sequence, topic, "test", aggregate, sequence, "test.ping.v1", "/test",
                Instant.now(), "{}", null, null);
    }

    /** A broker stand-in that fails the records matching {@code fails} and acknowledges the rest, as they arrive. */
    private static MockProducer<String, byte[]> broker(Predicate<ProducerRecord<String, byte[]>> fails, RuntimeException error) {
        return broker(fails, error, (answered, sent) -> true);
    }

    /** The same, answering the record at index {@code answered} only once {@code ready} holds for what was sent. */
    private static MockProducer<String, byte[]> broker(Predicate<ProducerRecord<String, byte[]>> fails, RuntimeException error,
            BiPredicate<Integer, List<ProducerRecord<String, byte[]>>> ready) {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        Thread answering = new Thread(() -> {
            int answered = 0;
            while (!producer.closed()) {
                List<ProducerRecord<String, byte[]>> sent = producer.history();
                if (answered < sent.size() && ready.test(answered, sent)) {
                    if (fails.test(sent.get(answered))) {
                        producer.errorNext(error);
                    } else {
                        producer.completeNext();
                    }
                    answered++;
                } else {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "mock-broker");
        answering.setDaemon(true);
        answering.start();
        return producer;
    }

    @Test
    void anAggregateStopsAtItsFirstFailureAndTheOthersGoOn() {
        OutboxRow a1 = row("A", 1, "t"), a2 = row("A", 2, "t"), a3 = row("A", 3, "t");
        OutboxRow b1 = row("B", 1, "t"), b2 = row("B", 2, "t");
        MockProducer<String, byte[]> producer = broker(r -> r.key().equals("A") && header(r).equals("1"),
                new NetworkException("broker went away"));
        BatchSender.Outcome out = BatchSender.send(List.of(a1, b1, a2, b2, a3), producer,
                new TopicGate(Duration.ofMillis(100), Duration.ofSeconds(1)), Duration.ofSeconds(10), Duration.ofSeconds(5));

        assertEquals(Set.of(b1.id(), b2.id()), out.sent());
        assertEquals(Set.of(a1.id()), out.failed().keySet());
        assertEquals(Set.of(a2.id(), a3.id()), out.held());
        assertTrue(out.brokerFailure());
        List<String> sentToKafka = producer.history().stream().map(r -> r.key() + header(r)).toList();
        assertEquals(List.of("A1", "B1", "B2"), sentToKafka, "nothing of A after its failed record");
        producer.close();
    }

    @Test
    void anAggregatesNextRowGoesOutAsSoonAsItsPreviousIsAcknowledged() {
        OutboxRow a1 = row("A", 1, "t"), a2 = row("A", 2, "t"), b1 = row("B", 1, "t");
        // the broker answers B1 only once A2 has arrived: a sender that waited for every aggregate's first record
        // before sending any second one would wait for B1 in vain (and report it timed out)
        MockProducer<String, byte[]> producer = broker(r -> false, null, (answered, sent) -> answered != 1 || sent.size() > 2);
        BatchSender.Outcome out = BatchSender.send(List.of(a1, b1, a2), producer,
                new TopicGate(Duration.ofMillis(100), Duration.ofSeconds(1)), Duration.ofSeconds(10), Duration.ofSeconds(2));

        assertEquals(Set.of(a1.id(), b1.id(), a2.id()), out.sent());
        assertTrue(out.failed().isEmpty() && out.held().isEmpty());
        List<String> sentToKafka = producer.history().stream().map(r -> r.key() + header(r)).toList();
        assertEquals(List.of("A1", "B1", "A2"), sentToKafka, "A2 only after A1 was acknowledged");
        producer.close();
    }

    @Test
    void aMissingTopicSuspendsOnlyThatTopicAndItsAggregates() {
        OutboxRow m1 = row("M", 1, "missing"), m2 = row("M", 2, "t");
        OutboxRow c1 = row("C", 1, "t"), c2 = row("C", 2, "t");
        MockProducer<String, byte[]> producer = broker(r -> r.topic().equals("missing"),
                new TimeoutException("Topic missing not present in metadata after 1000 ms."));
        TopicGate gate = new TopicGate(Duration.ofSeconds(5), Duration.ofSeconds(10));
        BatchSender.Outcome out = BatchSender.send(List.of(m1, c1, m2, c2), producer, gate, Duration.ofSeconds(10),
                Duration.ofSeconds(5));

        assertEquals(Set.of(c1.id(), c2.id()), out.sent());
        assertEquals(Set.of(m2.id()), out.held());
        assertFalse(out.brokerFailure(), "a topic's failure is not the broker's: no global backoff");
        assertTrue(gate.isSuspended("missing"));
        assertEquals(List.of("missing"), gate.suspendedNow());
        producer.close();
    }

    private static String header(ProducerRecord<String, byte[]> r) {
        return new String(r.headers().lastHeader("ce_sequence").value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
