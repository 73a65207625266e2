package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.DatabaseProbe;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.LocalKafka;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.outbox.OutboxConfig;
import org.mfs.platform.outbox.OutboxRelay;
import org.mfs.platform.outbox.OutboxWriter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The outbox delivers every committed event exactly once per row, in per-aggregate order, whatever the broker does. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class OutboxDeliveryTest extends SignedInAsAdmin {

    static final String TEST_TOPIC = "test.outbox.v1";
    /** Whether any relay holds (or waits for) the turn to publish, this process's or another's. */
    static final String TURN_HELD = DatabaseProbe.advisoryLocks(OutboxRelay.TURN_LOCK_KEY);

    @Inject
    TestDb db;

    @Inject
    OutboxWriter outbox;

    @Inject
    DataSource dataSource;

    @Inject
    OutboxConfig config;

    @Inject
    TestRelays relays;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "quarkus.datasource.jdbc.max-size", defaultValue = "20")
    int poolSize;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> dbPassword;

    @Test
    void createsSucceedWhileTheBrokerIsDownAndEveryEventArrivesOnceInOrderWhenItReturns() throws Exception {
        Optional<LocalKafka> broker = RealInfraTestResource.localBroker();
        Assumptions.assumeTrue(broker.isPresent(), "needs the broker this test run started");
        String aggregate = "outage-" + UUID.randomUUID();
        List<String> agreementIds = new ArrayList<>();

        broker.get().stop(Duration.ofSeconds(20));
        assertFalse(broker.get().isRunning());
        try {
            for (int i = 0; i < 5; i++) {
                agreementIds.add(given().contentType(ContentType.JSON)
                        .body(AgreementApiTest.DRC_US.replace("DRC-US", "Outage " + i))
                        .post("/api/v1/agreements").then().statusCode(201).extract().path("id"));
                appendTestEvents(aggregate, 1);
            }
            Thread.sleep(1500);
            assertEquals(10, db.count("select count(*) from outbox_event where (aggregate_id = '"
                    + aggregate + "' or aggregate_id in ('" + String.join("','", agreementIds) + "'))"),
                    "with the broker down the events wait in the outbox");
        } finally {
            broker.get().start(Duration.ofSeconds(90));
        }

        try (KafkaProbe agreements = new KafkaProbe(bootstrap, "agreements.agreement.v1");
                KafkaProbe test = new KafkaProbe(bootstrap, TEST_TOPIC)) {
            for (String id : agreementIds) {
                agreements.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(90));
            }
            test.await(r -> aggregate.equals(r.key()), 5, Duration.ofSeconds(60));
            List<ConsumerRecord<String, String>> all = agreements.drain(Duration.ofSeconds(2));
            for (String id : agreementIds) {
                assertEquals(1, all.stream().filter(r -> id.equals(r.key())).count(), "exactly once: " + id);
            }
            assertInOrderOnce(test.drain(Duration.ofSeconds(1)).stream().filter(r -> aggregate.equals(r.key())).toList(), 5);
        }
        db.awaitCount("select count(*) from outbox_event where aggregate_id = '" + aggregate + "'", 0);
    }

    @Test
    void twoRelaysOnOneDatabasePublishEachRowOnce() throws Exception {
        OutboxRelay second = relays.with(config);
        second.start();
        List<String> aggregates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            aggregates.add("pair-" + i + "-" + UUID.randomUUID());
        }
        try (KafkaProbe probe = new KafkaProbe(bootstrap, TEST_TOPIC)) {
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (String aggregate : aggregates) {
                done.add(writers.submit(() -> {
                    for (int n = 0; n < 25; n++) {
                        appendTestEvents(aggregate, 1);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            writers.shutdown();
            Set<String> keys = new HashSet<>(aggregates);
            probe.await(r -> keys.contains(r.key()), 200, Duration.ofSeconds(60));
            List<ConsumerRecord<String, String>> all = probe.drain(Duration.ofSeconds(3));
            for (String aggregate : aggregates) {
                assertInOrderOnce(all.stream().filter(r -> aggregate.equals(r.key())).toList(), 25);
            }
            assertTrue(second.isRunning());
        } finally {
            second.stop();
        }
    }

    @Test
    void aRelayWithNothingLeftToSendGivesTheTurnBack() throws Exception {
        String aggregate = "turn-" + UUID.randomUUID();
        try (KafkaProbe probe = new KafkaProbe(bootstrap, TEST_TOPIC)) {
            appendTestEvents(aggregate, 3);
            probe.await(r -> aggregate.equals(r.key()), 3, Duration.ofSeconds(30));
        }
        db.awaitCount("select count(*) from outbox_event where aggregate_id = '" + aggregate + "'", 0);
        // between batches the relay holds no turn: another replica's relay can take it as soon as its commits wake it
        db.awaitCount(TURN_HELD, 0);
    }

    @Test
    void whileAnotherRelayHoldsTheTurnThisOnePublishesNothingAndThenPublishes() throws Exception {
        // another replica's relay in the middle of a batch: the turn is the same key, held for its transaction
        String aggregate = "other-turn-" + UUID.randomUUID();
        try (KafkaProbe probe = new KafkaProbe(bootstrap, TEST_TOPIC);
                Connection other = DriverManager.getConnection(jdbcUrl, dbUser.orElse(null), dbPassword.orElse(null))) {
            db.awaitCount(TURN_HELD, 0);
            other.setAutoCommit(false);
            other.createStatement().execute("select pg_advisory_xact_lock(" + OutboxRelay.TURN_LOCK_KEY + ")");
            appendTestEvents(aggregate, 2);
            Thread.sleep(2000); // the woken relay finds the turn taken and tries again every 10 ms
            assertEquals(2, db.count("select count(*) from outbox_event where aggregate_id = '" + aggregate + "'"),
                    "nothing is published while the other relay holds the turn");
            other.commit();
            probe.await(r -> aggregate.equals(r.key()), 2, Duration.ofSeconds(10));
        }
    }

    @Test
    void eventsArePublishedWhileRequestsHoldEveryPooledConnection() throws Exception {
        // the relay runs its batches on its own connection, not on one of the pool the requests queue for
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!relay.ownConnection() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertTrue(relay.ownConnection(), "the relay holds its own connection");
        String aggregate = "pool-taken-" + UUID.randomUUID();
        List<Connection> taken = new ArrayList<>();
        try (KafkaProbe probe = new KafkaProbe(bootstrap, TEST_TOPIC)) {
            for (int i = 0; i < poolSize; i++) {
                taken.add(dataSource.getConnection());
            }
            try (Connection direct = DriverManager.getConnection(jdbcUrl, dbUser.orElse(null), dbPassword.orElse(null));
                    PreparedStatement insert = direct.prepareStatement("""
                            insert into outbox_event (id, topic, aggregate_type, aggregate_id, sequence, event_type, source,
                                                      occurred_at, payload)
                            values (gen_random_uuid(), ?, 'test', ?, 1, 'test.ping.v1', '/test', now(), '{}')""")) {
                insert.setString(1, TEST_TOPIC);
                insert.setString(2, aggregate);
                insert.executeUpdate();
            }
            // with the pool taken, a relay on pooled connections waits out the acquisition timeout (3 s) again and again
            probe.await(r -> aggregate.equals(r.key()), 1, Duration.ofSeconds(10));
        } finally {
            for (Connection c : taken) {
                c.close();
            }
        }
    }

    @Test
    void aRowThePreviousReleaseMarkedPublishedIsNotPublishedAgain() throws Exception {
        // during a rolling update a relay of the release before ADR 20 marks rows published instead of deleting them
        String marked = "marked-" + UUID.randomUUID();
        db.exec("""
                insert into outbox_event (id, topic, aggregate_type, aggregate_id, sequence, event_type, source,
                                          occurred_at, payload, published_at)
                values (gen_random_uuid(), ?, 'test', ?, 1, 'test.ping.v1', '/test', now(), '{}', now())""",
                TEST_TOPIC, marked);
        String after = "after-" + UUID.randomUUID();
        try (KafkaProbe probe = new KafkaProbe(bootstrap, TEST_TOPIC)) {
            appendTestEvents(after, 1);
            probe.await(r -> after.equals(r.key()), 1, Duration.ofSeconds(60));
            assertEquals(List.of(), probe.drain(Duration.ofSeconds(1)).stream().map(ConsumerRecord::key)
                    .filter(marked::equals).toList(), "the marked row was published again");
        }
        // OutboxPurge removes it (OutboxPurgeTest)
        db.exec("delete from outbox_event where aggregate_id = ?", marked);
    }

    private void appendTestEvents(String aggregate, int count) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                outbox.append(TEST_TOPIC, "test", aggregate, "test.ping.v1", Map.of("aggregate", aggregate));
            }
        });
    }

    /** The form of ce_sequence the AsyncAPI document promises integrators (a decimal integer extension). */
    static java.util.regex.Pattern sequencePattern() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/asyncapi.yaml"));
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("ce_sequence:\\s*\\n\\s*type: string\\s*\\n\\s*pattern: \"([^\"]+)\"").matcher(doc);
        assertTrue(m.find(), "docs/asyncapi.yaml declares the pattern of ce_sequence");
        return java.util.regex.Pattern.compile(m.group(1).replace("\\\\", "\\"));
    }

    /** Each event id once, sequences 1..n in the order the consumer read them, each as the AsyncAPI document says. */
    private static void assertInOrderOnce(List<ConsumerRecord<String, String>> records, int expected) throws Exception {
        java.util.regex.Pattern form = sequencePattern();
        Map<String, Integer> ids = new HashMap<>();
        List<Long> sequences = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            assertTrue(form.matcher(KafkaProbe.header(r, "ce_sequence")).matches(), KafkaProbe.header(r, "ce_sequence"));
            ids.merge(KafkaProbe.header(r, "ce_id"), 1, Integer::sum);
            sequences.add(Long.parseLong(KafkaProbe.header(r, "ce_sequence")));
        }
        assertEquals(expected, records.size(), "records of one aggregate: " + sequences);
        assertTrue(ids.values().stream().allMatch(c -> c == 1), "an event id was delivered twice: " + ids);
        for (int i = 0; i < sequences.size(); i++) {
            assertEquals(i + 1L, sequences.get(i), "per-aggregate order: " + sequences);
        }
    }
}
