package org.mfs.agreements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The commodity read model follows minerals.commodity.v1 once per event and in sequence, and dead-letters what it
 * cannot read, what keeps failing and what another source sent.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class CommodityReadModelTest {

    static final String DLQ = "agreements.commodity-dlq.v1";

    @Inject
    TestDb db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void createdAndUpdatedEventsBuildTheReadModelOnce() throws Exception {
        String id = Commodities.created(bootstrap, "tantalum", "Tantalum");
        Commodities.await(db, "select count(*) from commodity where code = 'tantalum' and name = 'Tantalum'", 1);
        Commodities.send(bootstrap, "tantalum", "commodity.updated.v1", "{\"code\":\"tantalum\",\"name\":\"Tantalum metal\"}");
        Commodities.await(db, "select count(*) from commodity where code = 'tantalum' and name = 'Tantalum metal'", 1);
        assertEquals(1, db.count("select count(*) from consumer_processed_event where consumer = 'commodities' and event_id = '"
                + id + "'"));
    }

    @Test
    void anOlderEventRedeliveredAfterANewerOneIsIgnored() throws Exception {
        String v1 = "{\"code\":\"manganese\",\"name\":\"Manganese (first)\",\"version\":0}";
        String v2 = "{\"code\":\"manganese\",\"name\":\"Manganese\",\"version\":1}";
        Commodities.send(bootstrap, "manganese", "commodity.created.v1", v1, 1L, "/minerals-service");
        Commodities.send(bootstrap, "manganese", "commodity.updated.v1", v2, 2L, "/minerals-service");
        Commodities.await(db, "select count(*) from commodity where code = 'manganese' and name = 'Manganese'", 1);
        // the first event comes again under a new id (a producer retry, a replay): it must not win
        Commodities.send(bootstrap, "manganese", "commodity.created.v1", v1, 1L, "/minerals-service");
        String marker = Commodities.send(bootstrap, "manganese", "commodity.updated.v1", v2, 2L, "/minerals-service");
        Commodities.await(db, "select count(*) from consumer_processed_event where event_id = '" + marker + "'", 1);
        assertEquals("Manganese", db.text("select name from commodity where code = 'manganese'"));
        assertEquals(2, db.count("select last_sequence from consumer_sequence where consumer = 'commodities' and subject = 'manganese'"));
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicWithTheReason() throws Exception {
        try (KafkaProbe dlq = new KafkaProbe(bootstrap, DLQ)) {
            Commodities.send(bootstrap, "broken-1", "commodity.created.v1", "{not json");
            Commodities.send(bootstrap, "broken-2", "commodity.created.v1", "{\"name\":\"No code\"}");
            List<ConsumerRecord<String, String>> dead = dlq.await(
                    r -> "broken-1".equals(r.key()) || "broken-2".equals(r.key()), 2, Duration.ofSeconds(60));
            assertEquals(2, dead.size());
            for (ConsumerRecord<String, String> r : dead) {
                String reason = KafkaProbe.header(r, "mfs_dlq_reason");
                assertNotNull(reason);
                assertTrue(reason.contains("JSON") || reason.contains("code"), reason);
            }
        }
        // the consumer goes on after dead-lettering
        Commodities.created(bootstrap, "nickel", "Nickel");
        Commodities.await(db, "select count(*) from commodity where code = 'nickel'", 1);
        assertEquals(0, db.count("select count(*) from commodity where code like 'broken%'"));
    }

    @Test
    void aRecordThatKeepsFailingIsDeadLetteredAfterBoundedAttemptsAndTheNextOneIsApplied() throws Exception {
        try (KafkaProbe dlq = new KafkaProbe(bootstrap, DLQ)) {
            long start = System.nanoTime();
            // PostgreSQL rejects a NUL in text: the insert fails the same way on every attempt
            Commodities.send(bootstrap, "nul-name", "commodity.created.v1", "{\"code\":\"nul-name\",\"name\":\"Bad\\u0000Name\"}");
            Commodities.created(bootstrap, "after-nul", "After NUL");
            ConsumerRecord<String, String> dead = dlq.await(r -> "nul-name".equals(r.key()), 1, Duration.ofSeconds(60)).get(0);
            assertTrue(KafkaProbe.header(dead, "mfs_dlq_reason").startsWith("failed 5 times"),
                    KafkaProbe.header(dead, "mfs_dlq_reason"));
            Commodities.await(db, "select count(*) from commodity where code = 'after-nul'", 1);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(30)) < 0,
                    "bounded retries, not a loop at one offset");
        }
        assertEquals(0, db.count("select count(*) from commodity where code = 'nul-name'"));
    }

    @Test
    void aRecordFromAnotherSourceIsDeadLetteredNotApplied() throws Exception {
        try (KafkaProbe dlq = new KafkaProbe(bootstrap, DLQ)) {
            Commodities.send(bootstrap, "forged", "commodity.created.v1", "{\"code\":\"forged\",\"name\":\"Forged\"}", 1L,
                    "/someone-else");
            ConsumerRecord<String, String> dead = dlq.await(r -> "forged".equals(r.key()), 1, Duration.ofSeconds(60)).get(0);
            assertTrue(KafkaProbe.header(dead, "mfs_dlq_reason").contains("ce_source"), KafkaProbe.header(dead, "mfs_dlq_reason"));
        }
        assertEquals(0, db.count("select count(*) from commodity where code = 'forged'"));
    }
}
