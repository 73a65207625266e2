package org.mfs.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mfs.security.Api.PROGRAMMES;
import static org.mfs.security.Api.editor;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.EventSchemas;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.security.consumers.ReadModelConsumers;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Programmes react to their agreement, driven by real agreements.agreement.v1 events through the real broker:
 * hold on suspension, resume exactly the held-by-rule ones, idempotent on redelivery, ordered by sequence when events
 * arrive out of order, nothing lost across a consumer restart, unprocessable events dead-lettered with the reason.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "security_cooperation"))
class AgreementRuleTest {

    static final String TOPIC = "agreements.agreement.v1";
    static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    TestDb db;

    @Inject
    ReadModelConsumers consumers;

    static String created(String agreementId, String ref) {
        return """
                {"agreementId": "%s", "referenceCode": "%s", "title": "DRC-US Strategic Partnership", "type": "STRATEGIC_PARTNERSHIP",
                 "status": "DRAFT", "parties": [], "coveredMinerals": [], "createdAt": "2025-03-01T10:00:00Z"}
                """.formatted(agreementId, ref);
    }

    static String status(String agreementId, String ref, String from, String to, String reason) {
        return """
                {"agreementId": "%s", "referenceCode": "%s", "from": "%s", "to": "%s", "on": "2026-01-10",
                 "reason": %s, "changedAt": "2026-01-10T09:00:00Z", "actor": "alice"}
                """.formatted(agreementId, ref, from, to, reason == null ? "null" : "\"" + reason + "\"");
    }

    String agreementStatus(String id) {
        return db.text("select status || '/' || last_sequence from agreement_ref where id = '" + id + "'");
    }

    static String programmeStatus(String id) {
        return editor().get(PROGRAMMES + "/" + id).then().statusCode(200).extract().path("status");
    }

    String linkedProgramme(String agreementId, String title) {
        return Api.create(Api.programme(title, "PUBLIC").replaceFirst("\\{", "{\"agreementId\": \"" + agreementId + "\", "));
    }

    @Test
    void suspensionHoldsActiveProgrammesAndReturnInForceResumesExactlyThose() {
        String agreement = UUID.randomUUID().toString();
        String ref = "CD-US-" + agreement.substring(0, 6).toUpperCase();
        try (Broker broker = new Broker(bootstrap); KafkaProbe out = new KafkaProbe(bootstrap, "security-cooperation.programme.v1")) {
            broker.ensureTopic(TOPIC);
            broker.send(TOPIC, agreement, "agreement.created.v1", 1, created(agreement, ref));
            broker.send(TOPIC, agreement, "agreement.status-changed.v1", 2, status(agreement, ref, "SIGNED", "IN_FORCE", null));
            Broker.await("agreement in force", WAIT, () -> "IN_FORCE/2".equals(agreementStatus(agreement)));

            String active = linkedProgramme(agreement, "Active under the agreement");
            Api.activate(active);
            String heldByHand = linkedProgramme(agreement, "Held by hand");
            Api.activate(heldByHand);
            editor().body("{\"to\": \"ON_HOLD\", \"reason\": \"procurement audit\"}").post(PROGRAMMES + "/" + heldByHand + "/transitions")
                    .then().statusCode(200);
            String planned = linkedProgramme(agreement, "Still planned");

            String suspension = broker.send(TOPIC, agreement, "agreement.status-changed.v1", 3,
                    status(agreement, ref, "IN_FORCE", "SUSPENDED", "ceasefire violated"));
            Broker.await("programme on hold", WAIT, () -> "ON_HOLD".equals(programmeStatus(active)));
            editor().get(PROGRAMMES + "/" + active).then().body("heldByAgreementRule", equalTo(true))
                    .body("statusReason", equalTo("agreement " + ref + " is SUSPENDED: ceasefire violated"));
            editor().get(PROGRAMMES + "/" + active + "/history").then()
                    .body("revisions[-1].operation", equalTo("status ACTIVE -> ON_HOLD"))
                    .body("revisions[-1].actor", equalTo("agreements-rule"))
                    .body("revisions[-1].changes.find { it.field == 'triggeringEvent' }.to", equalTo(suspension))
                    .body("revisions[-1].changes.find { it.field == 'statusReason' }.to",
                            equalTo("agreement " + ref + " is SUSPENDED: ceasefire violated"));
            assertEquals("PLANNED", programmeStatus(planned));
            editor().get(PROGRAMMES + "/" + heldByHand).then().body("heldByAgreementRule", equalTo(false));

            // the event went out on the programme topic as an automatic change naming its trigger
            List<ConsumerRecord<String, String>> changes = out.await(r -> active.equals(r.key())
                    && "programme.status-changed.v1".equals(KafkaProbe.header(r, "ce_type"))
                    && r.value().contains("\"automatic\":true"), 1, WAIT);
            EventSchemas.assertValid(changes.get(0));
            assertEquals(suspension, new JsonPath(changes.get(0).value()).getString("triggeringEventId"));

            // redelivery of the same event (same ce_id) changes nothing
            long revisions = db.count("select count(*) from revision where aggregate_id = '" + active + "'");
            long skipped = consumers.agreements().skipped();
            broker.send(TOPIC, agreement, suspension, "agreement.status-changed.v1", 3L,
                    status(agreement, ref, "IN_FORCE", "SUSPENDED", "ceasefire violated"));
            // out of order: sequence 5 (suspended again) arrives before sequence 4 (back in force); 4 must change nothing
            broker.send(TOPIC, agreement, "agreement.status-changed.v1", 5, status(agreement, ref, "IN_FORCE", "SUSPENDED", "again"));
            broker.send(TOPIC, agreement, "agreement.status-changed.v1", 4, status(agreement, ref, "SUSPENDED", "IN_FORCE", null));
            Broker.await("the redelivery and the late event skipped", WAIT, () -> consumers.agreements().skipped() >= skipped + 2);
            assertEquals("SUSPENDED/5", agreementStatus(agreement));
            assertEquals("ON_HOLD", programmeStatus(active));
            assertEquals(revisions, db.count("select count(*) from revision where aggregate_id = '" + active + "'"));

            broker.send(TOPIC, agreement, "agreement.status-changed.v1", 6, status(agreement, ref, "SUSPENDED", "IN_FORCE", null));
            Broker.await("programme resumed", WAIT, () -> "ACTIVE".equals(programmeStatus(active)));
            editor().get(PROGRAMMES + "/" + active).then().body("heldByAgreementRule", equalTo(false));
            assertEquals("ON_HOLD", programmeStatus(heldByHand), "a programme held by hand stays on hold");
            assertEquals("PLANNED", programmeStatus(planned));
        }
    }

    @Test
    void aConsumerRestartMidStreamLosesNothingAndAppliesEachEventOnce() {
        String agreement = UUID.randomUUID().toString();
        String ref = "RST-" + agreement.substring(0, 6).toUpperCase();
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopic(TOPIC);
            broker.send(TOPIC, agreement, "agreement.created.v1", 1, created(agreement, ref));
            broker.send(TOPIC, agreement, "agreement.status-changed.v1", 2, status(agreement, ref, "SIGNED", "IN_FORCE", null));
            Broker.await("agreement in force", WAIT, () -> "IN_FORCE/2".equals(agreementStatus(agreement)));
            String programme = linkedProgramme(agreement, "Restart");
            Api.activate(programme);

            consumers.agreements().stop();
            assertTrue(!consumers.agreements().isAlive());
            try {
                broker.send(TOPIC, agreement, "agreement.status-changed.v1", 3, status(agreement, ref, "IN_FORCE", "SUSPENDED", "review"));
                broker.send(TOPIC, agreement, "agreement.status-changed.v1", 4, status(agreement, ref, "SUSPENDED", "IN_FORCE", null));
                broker.send(TOPIC, agreement, "agreement.status-changed.v1", 5, status(agreement, ref, "IN_FORCE", "TERMINATED", "ended"));
                assertEquals("ACTIVE", programmeStatus(programme), "nothing is applied while the consumer is stopped");
            } finally {
                consumers.startAgreements();
            }
            Broker.await("all events applied", WAIT, () -> "TERMINATED/5".equals(agreementStatus(agreement)));
            Broker.await("programme held", WAIT, () -> "ON_HOLD".equals(programmeStatus(programme)));
            editor().get(PROGRAMMES + "/" + programme + "/history").then()
                    .body("revisions.operation", hasItem("status ACTIVE -> ON_HOLD"))
                    .body("revisions.operation.findAll { it == 'status ACTIVE -> ON_HOLD' }.size()", equalTo(2))
                    .body("revisions.operation.findAll { it == 'status ON_HOLD -> ACTIVE' }.size()", equalTo(1));
            // a terminated agreement cannot take new programmes
            editor().body(Api.programme("Too late", "PUBLIC").replaceFirst("\\{", "{\"agreementId\": \"" + agreement + "\", "))
                    .post(PROGRAMMES).then().statusCode(422);
        }
    }

    @Test
    void eventsThatCannotBeAppliedGoToTheDeadLetterTopicWithTheReason() {
        String agreement = UUID.randomUUID().toString();
        try (Broker broker = new Broker(bootstrap);
                KafkaProbe dlq = new KafkaProbe(bootstrap, "security-cooperation.agreement-dlq.v1")) {
            broker.ensureTopic(TOPIC);
            String notJson = broker.send(TOPIC, agreement, "agreement.status-changed.v1", 1, "{not json");
            String noSequence = broker.send(TOPIC, agreement, UUID.randomUUID().toString(), "agreement.status-changed.v1", null,
                    status(agreement, "X-1", "IN_FORCE", "SUSPENDED", "x"));
            String wrongKey = broker.send(TOPIC, UUID.randomUUID().toString(), "agreement.created.v1", 1, created(agreement, "X-2"));
            List<ConsumerRecord<String, String>> dead = dlq.await(r -> List.of(notJson, noSequence, wrongKey)
                    .contains(KafkaProbe.header(r, "ce_id")), 3, WAIT);
            for (ConsumerRecord<String, String> r : dead) {
                String reason = KafkaProbe.header(r, "mfs_dlq_reason");
                String id = KafkaProbe.header(r, "ce_id");
                if (id.equals(notJson)) {
                    assertTrue(reason.startsWith("payload is not JSON"), reason);
                } else if (id.equals(noSequence)) {
                    assertEquals("no valid ce_sequence header", reason);
                } else {
                    assertTrue(reason.contains("differs from payload agreementId"), reason);
                }
            }
            assertEquals(0, db.count("select count(*) from agreement_ref where id = '" + agreement + "'"));
        }
    }
}
