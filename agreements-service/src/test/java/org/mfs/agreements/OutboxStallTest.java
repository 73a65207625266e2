package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.MetricsScrape;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.outbox.OutboxConfig;
import org.mfs.platform.outbox.OutboxRelay;
import org.mfs.platform.outbox.OutboxWriter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The relay cannot stall: a broken producer is rebuilt, LISTEN is optional, and a stall shows in readiness. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class OutboxStallTest {

    static final String TEST_TOPIC = OutboxDeliveryTest.TEST_TOPIC;

    @Inject
    TestDb db;

    @Inject
    OutboxWriter outbox;

    @Inject
    OutboxRelay appRelay;

    @Inject
    OutboxConfig config;

    @Inject
    TestRelays relays;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aProducerThatFailedFatallyIsClosedAndRebuilt() throws Exception {
        long rebuilds = appRelay.producerRebuilds();
        Field f = OutboxRelay.class.getDeclaredField("producer");
        f.setAccessible(true);
        // a closed producer refuses every send, as one left unusable by a fatal error (authorisation, fenced id) does
        ((Producer<?, ?>) f.get(io.quarkus.arc.ClientProxy.unwrap(appRelay))).close(Duration.ZERO);
        String aggregate = "rebuilt-" + UUID.randomUUID();
        append(TEST_TOPIC, aggregate);
        try (KafkaProbe probe = new KafkaProbe(bootstrap, TEST_TOPIC)) {
            probe.await(r -> aggregate.equals(r.key()), 1, Duration.ofSeconds(60));
        }
        assertTrue(appRelay.producerRebuilds() > rebuilds, "the producer was rebuilt");
        assertTrue(appRelay.isRunning());
    }

    @Test
    void aCommitWakesTheRelayWithoutWaitingForItsPoll() throws Exception {
        appRelay.stop();
        // polling once a minute: an event published within seconds was announced by its transaction's commit
        OutboxConfig slowPoll = new ShortTimeoutConfig(config, config.batchBytes(), Duration.ofMinutes(1));
        OutboxRelay relay = relays.with(slowPoll);
        relay.start();
        try (KafkaProbe probe = new KafkaProbe(bootstrap, TEST_TOPIC)) {
            awaitTrue(() -> relay.lastBatchAt().isPresent()); // its first look (at start) is behind it
            Thread.sleep(500);
            for (int i = 0; i < 3; i++) {
                String aggregate = "woken-" + i + "-" + UUID.randomUUID();
                long start = System.nanoTime();
                append(TEST_TOPIC, aggregate);
                probe.await(r -> aggregate.equals(r.key()), 1, Duration.ofSeconds(50));
                long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertTrue(millis < 10_000, "event " + i + " took " + millis + " ms with a poll of a minute");
            }
        } finally {
            relay.stop();
            appRelay.start();
        }
    }

    @Test
    void aRelayConnectionThatCannotBeOpenedDoesNotStopPublishing() throws Exception {
        appRelay.stop();
        // the relay's own connection goes to a port where nobody answers; publishing uses the service's data source
        OutboxRelay relay = relays.withOwnConnectionTo(new ShortTimeoutConfig(config), "jdbc:postgresql://127.0.0.1:1/none");
        relay.start();
        try (KafkaProbe probe = new KafkaProbe(bootstrap, TEST_TOPIC)) {
            String aggregate = "no-own-connection-" + UUID.randomUUID();
            append(TEST_TOPIC, aggregate);
            append(TEST_TOPIC, aggregate);
            probe.await(r -> aggregate.equals(r.key()), 2, Duration.ofSeconds(30));
            assertFalse(relay.ownConnection());
        } finally {
            relay.stop();
            appRelay.start();
        }
    }

    @Test
    void aRelayConnectionThatDiesIsReplacedAndPublishingGoesOn() throws Exception {
        awaitTrue(appRelay::ownConnection);
        long killed = db.count("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = 'mfs-outbox-relay'");
        assertTrue(killed >= 1, "the relay's own connection was found");
        try (KafkaProbe probe = new KafkaProbe(bootstrap, TEST_TOPIC)) {
            String aggregate = "connection-died-" + UUID.randomUUID();
            append(TEST_TOPIC, aggregate);
            probe.await(r -> aggregate.equals(r.key()), 1, Duration.ofSeconds(30));
        }
        awaitTrue(() -> db.count("select count(*) from pg_stat_activity where application_name = 'mfs-outbox-relay'") >= 1);
    }

    @Test
    void readinessIsDownWhileARowWaitsLongerThanTheStallThresholdAndUpWhenItIsPublished() throws Exception {
        String missing = "test.stalled-" + UUID.randomUUID();
        String aggregate = "stalled-" + UUID.randomUUID();
        append(missing, aggregate);
        // the row has waited longer than mfs.outbox.stalled-after (5 min) for its topic
        db.count("with u as (update outbox_event set occurred_at = now() - interval '10 minutes' where aggregate_id = '"
                + aggregate + "' returning 1) select count(*) from u");
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'outbox' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'outbox' }.data.stalled", equalTo(true));
        double age = MetricsScrape.now().value("mfs_outbox_oldest_unsent_seconds").orElse(-1);
        assertTrue(age >= 600, "gauge mfs_outbox_oldest_unsent_seconds: " + age);
        // the relay tried the topic, found it missing and suspended it: readiness names it, the failures are counted
        awaitTrue(() -> String.valueOf(given().get("/q/health/ready").jsonPath()
                .getString("checks.find { it.name == 'outbox' }.data.suspendedTopics")).contains(missing));
        String ofTopic = "{topic=\"" + missing + "\"}";
        assertTrue(MetricsScrape.now().valueOrZero("mfs_outbox_publish_failures_total" + ofTopic) >= 1);
        assertEquals(0.0, MetricsScrape.now().valueOrZero("mfs_outbox_published_total" + ofTopic));

        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(missing, 1, (short) 1))).all().get();
        }
        awaitTrue(() -> db.count("select count(*) from outbox_event where aggregate_id = '" + aggregate + "'") == 0);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.status", hasItem("UP"))
                .body("checks.find { it.name == 'outbox' }.data.stalled", equalTo(false));
        assertEquals(0, db.count("select count(*) from outbox_event where occurred_at < now() - interval '5 minutes'"));
        // published at last: counted, and its 10 minutes of waiting are in the publishing latency
        MetricsScrape metrics = MetricsScrape.now();
        assertEquals(1.0, metrics.valueOrZero("mfs_outbox_published_total" + ofTopic));
        assertEquals(1.0, metrics.valueOrZero("mfs_outbox_publish_seconds_count" + ofTopic));
        assertTrue(metrics.valueOrZero("mfs_outbox_publish_seconds_sum" + ofTopic) >= 600);
    }

    private void append(String topic, String aggregate) {
        QuarkusTransaction.requiringNew().run(() -> outbox.append(topic, "test", aggregate, "test.ping.v1", Map.of("a", aggregate)));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(100);
        }
    }
}
