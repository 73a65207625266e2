package org.mfs.agreements;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** The commodity read model follows minerals.commodity.v1 once per event and dead-letters what it cannot read. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class CommodityReadModelTest {

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
        assertEquals(1, db.count("select count(*) from processed_event where event_id = '" + id + "'"));
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicWithTheReason() throws Exception {
        try (KafkaProbe dlq = new KafkaProbe(bootstrap, "agreements.commodity-dlq.v1")) {
            Commodities.send(bootstrap, "broken-1", "commodity.created.v1", "{not json");
            Commodities.send(bootstrap, "broken-2", "commodity.created.v1", "{\"name\":\"No code\"}");
            List<ConsumerRecord<String, String>> dead = dlq.await(
                    r -> "broken-1".equals(r.key()) || "broken-2".equals(r.key()), 2, Duration.ofSeconds(60));
            assertEquals(2, dead.size());
            for (ConsumerRecord<String, String> r : dead) {
                String reason = KafkaProbe.header(r, "mfs_dlq_reason");
                org.junit.jupiter.api.Assertions.assertNotNull(reason);
                org.junit.jupiter.api.Assertions.assertTrue(reason.contains("JSON") || reason.contains("code"), reason);
            }
        }
        // the consumer goes on after dead-lettering
        Commodities.created(bootstrap, "nickel", "Nickel");
        Commodities.await(db, "select count(*) from commodity where code = 'nickel'", 1);
        assertEquals(0, db.count("select count(*) from commodity where code like 'broken%'"));
    }
}
