package org.mfs.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mfs.security.Api.PROGRAMMES;
import static org.mfs.security.Api.editor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.LogCapture;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A consumer's work continues the trace of the event it handles (ADR 16): the programme event caused by an agreement's
 * suspension carries the suspension's trace id and correlation id, through the real broker.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "security_cooperation"))
class EventTraceTest {

    static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");
    static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    TestDb db;

    @Test
    void theProgrammeEventCausedByASuspensionContinuesItsTrace() {
        String agreement = UUID.randomUUID().toString();
        String ref = "TR-" + agreement.substring(0, 6).toUpperCase();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String producerSpan = traceId.substring(0, 16);
        String requestId = "suspend-" + UUID.randomUUID();
        try (Broker broker = new Broker(bootstrap); KafkaProbe out = new KafkaProbe(bootstrap, "security-cooperation.programme.v1")) {
            broker.ensureTopic(AgreementRuleTest.TOPIC);
            broker.send(AgreementRuleTest.TOPIC, agreement, "agreement.created.v1", 1, AgreementRuleTest.created(agreement, ref));
            broker.send(AgreementRuleTest.TOPIC, agreement, "agreement.status-changed.v1", 2,
                    AgreementRuleTest.status(agreement, ref, "SIGNED", "IN_FORCE", null));
            Broker.await("agreement in force", WAIT, () -> db.count(
                    "select count(*) from agreement_ref where id = '" + agreement + "' and status = 'IN_FORCE'") == 1);
            String programme = Api.create(Api.programme("Traced programme", "PUBLIC")
                    .replaceFirst("\\{", "{\"agreementId\": \"" + agreement + "\", "));
            Api.activate(programme);

            broker.send(AgreementRuleTest.TOPIC, agreement, UUID.randomUUID().toString(), "agreement.status-changed.v1", 3L,
                    AgreementRuleTest.status(agreement, ref, "IN_FORCE", "SUSPENDED", "ceasefire violated"),
                    Map.of("ce_traceparent", "00-" + traceId + "-" + producerSpan + "-01", "ce_requestid", requestId));

            List<ConsumerRecord<String, String>> held = out.await(r -> programme.equals(r.key())
                    && "programme.status-changed.v1".equals(KafkaProbe.header(r, "ce_type"))
                    && r.value().contains("\"automatic\":true"), 1, WAIT);
            String traceparent = KafkaProbe.header(held.get(0), "ce_traceparent");
            assertNotNull(traceparent, "the programme event has no ce_traceparent");
            Matcher m = TRACEPARENT.matcher(traceparent);
            assertTrue(m.matches(), traceparent);
            assertEquals(traceId, m.group(1), "the consumer's work is not in the suspension's trace");
            assertNotEquals(producerSpan, m.group(2), "the programme event's parent is the consumer's own span");
            assertEquals(requestId, KafkaProbe.header(held.get(0), "ce_requestid"));
            editor().get(PROGRAMMES + "/" + programme).then().statusCode(200);

            // the programme's own create (an API call without a trace) is in another trace
            ConsumerRecord<String, String> created = out.await(r -> programme.equals(r.key())
                    && "programme.created.v1".equals(KafkaProbe.header(r, "ce_type")), 1, WAIT).get(0);
            Matcher c = TRACEPARENT.matcher(KafkaProbe.header(created, "ce_traceparent"));
            assertTrue(c.matches());
            assertNotEquals(traceId, c.group(1));
        }
    }

    @Test
    void theConsumersLogLinesCarryTheEventsRequestIdAndTraceId() {
        String agreement = UUID.randomUUID().toString();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String requestId = "dlq-" + UUID.randomUUID();
        LogCapture capture = LogCapture.start();
        List<org.jboss.logmanager.ExtLogRecord> lines = capture.records();
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopic(AgreementRuleTest.TOPIC);
            // not JSON: dead-lettered at once, and the consumer logs a warning about it
            String id = broker.send(AgreementRuleTest.TOPIC, agreement, UUID.randomUUID().toString(),
                    "agreement.status-changed.v1", 1L, "{not json",
                    Map.of("ce_traceparent", "00-" + traceId + "-" + traceId.substring(16) + "-01", "ce_requestid", requestId));
            Broker.await("the dead-letter warning", WAIT, () -> lines.stream().anyMatch(l -> l.getFormattedMessage() != null
                    && l.getFormattedMessage().contains("dead-lettered") && l.getFormattedMessage().contains("agreement-dlq")
                    && requestId.equals(l.getMdc("requestId"))));
            org.jboss.logmanager.ExtLogRecord line = lines.stream()
                    .filter(l -> requestId.equals(l.getMdc("requestId"))).findFirst().orElseThrow();
            assertEquals(traceId, line.getMdc("traceId"), "the consumer's log line is not in the event's trace");
            assertNotNull(line.getMdc("spanId"));
            assertNotNull(id);
        } finally {
            capture.close();
        }
        // after the record, the consumer thread's MDC is clean again
        assertTrue(lines.stream().filter(l -> "consumer-agreements".equals(l.getThreadName()))
                .filter(l -> !requestId.equals(l.getMdc("requestId"))).noneMatch(l -> traceId.equals(l.getMdc("traceId"))));
    }
}
