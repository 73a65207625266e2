package org.mfs.agreements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.outbox.OutboxConfig;
import org.mfs.platform.outbox.OutboxRelay;
import org.mfs.platform.outbox.OutboxWriter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A relay batch ends at its row limit or at its payload byte limit, whichever comes first (ADR 0017): large events
 * cannot make one batch outgrow the heap, and a batch cut short by bytes is followed at once by the next one, not
 * after the poll interval.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class OutboxBatchLimitsTest {

    private static final int EVENTS = 30;

    @Inject
    OutboxWriter outbox;

    @Inject
    OutboxRelay appRelay;

    @Inject
    TestDb db;

    @Inject
    OutboxConfig config;

    @Inject
    TestRelays relays;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    OutboxRelay relay;

    @AfterEach
    void appRelayBack() {
        if (relay != null) {
            relay.stop();
        }
        appRelay.start();
    }

    @Test
    void eventsLargerThanTheByteLimitGoOutInSeveralBatchesInOrderWithoutWaitingForThePoll() throws Exception {
        // each event's payload is about 2 KB as stored (random text does not compress); the limit lets 2-3 in a batch
        Duration took = drain(5_000);
        assertTrue(relay.batches() >= EVENTS / 3, "batches of at most 3 events: " + relay.batches());
        // had the relay waited for its poll interval after each batch cut short by bytes, that many batches would take
        Duration polling = new ShortTimeoutConfig(config).pollInterval().multipliedBy(relay.batches() - 1);
        assertTrue(took.compareTo(polling) < 0, "drained in " + took.toMillis() + " ms, not after " + polling.toMillis()
                + " ms of polling");
    }

    @Test
    void underTheByteLimitOneBatchTakesThemAll() throws Exception {
        drain(config.batchBytes());
        assertEquals(1, relay.batches(), "one batch for " + EVENTS + " events of 2 KB under " + config.batchBytes() + " bytes");
    }

    /**
     * Writes the events with the relay stopped (and nothing else unsent), starts one with {@code batchBytes}, reads
     * them back in order and says how long that took.
     */
    private Duration drain(int batchBytes) throws Exception {
        appRelay.stop();
        db.exec("delete from outbox_event"); // rows other tests left for a topic that does not exist
        String aggregate = "big-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int n = 1; n <= EVENTS; n++) {
                StringBuilder text = new StringBuilder();
                while (text.length() < 2_000) {
                    text.append(UUID.randomUUID());
                }
                outbox.append(OutboxDeliveryTest.TEST_TOPIC, "test", aggregate, "test.big.v1", Map.of("n", n, "text", text));
            }
        });
        try (KafkaProbe probe = new KafkaProbe(bootstrap, OutboxDeliveryTest.TEST_TOPIC)) {
            relay = relays.with(new ShortTimeoutConfig(config, batchBytes));
            long start = System.nanoTime();
            relay.start();
            List<ConsumerRecord<String, String>> records = probe.await(r -> aggregate.equals(r.key()), EVENTS,
                    Duration.ofSeconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(LongStream.rangeClosed(1, EVENTS).boxed().toList(),
                    records.stream().map(r -> Long.parseLong(KafkaProbe.header(r, "ce_sequence"))).toList(), "in order");
            return took;
        }
    }
}
