package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;


import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The trace context and correlation id of a request travel into the event it causes (ADR 16): the outbox row keeps
 * them and the relay sends them as {@code ce_traceparent} and {@code ce_requestid}, on the real broker.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class EventTraceTest extends SignedInAsAdmin {

    static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;


    static String hex(int chars) {
        StringBuilder b = new StringBuilder();
        while (b.length() < chars) {
            b.append(String.format("%016x", ThreadLocalRandom.current().nextLong()));
        }
        return b.substring(0, chars);
    }

    static String body(String title) {
        return """
                {"title": "%s", "type": "STRATEGIC_PARTNERSHIP",
                 "parties": [{"country": "CD", "role": "RESOURCE_HOLDER"}, {"country": "US", "role": "INVESTOR_PARTNER"}]}
                """.formatted(title);
    }

    @Test
    void theCallersTraceAndRequestIdReachTheEvent() {
        String traceId = hex(32);
        String callerSpan = hex(16);
        String requestId = "trace-test-" + UUID.randomUUID();
        try (KafkaProbe probe = new KafkaProbe(bootstrap, "agreements.agreement.v1")) {
            String id = given().contentType(ContentType.JSON).header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                    .header("X-Request-Id", requestId).body(body("Traced partnership"))
                    .when().post("/api/v1/agreements")
                    .then().statusCode(201).header("X-Request-Id", requestId).extract().path("id");

            ConsumerRecord<String, String> event = probe.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            String traceparent = KafkaProbe.header(event, "ce_traceparent");
            assertNotNull(traceparent, "the event has no ce_traceparent");
            var m = TRACEPARENT.matcher(traceparent);
            assertTrue(m.matches(), traceparent);
            assertEquals(traceId, m.group(1), "the event is not in the caller's trace");
            assertNotEquals(callerSpan, m.group(2), "the event's parent is the service's own span, not the caller's");
            assertEquals(requestId, KafkaProbe.header(event, "ce_requestid"));
            // the outbox row that carried them is gone once Kafka acknowledged the record (ADR 20)
        }
    }

    @Test
    void withoutIncomingContextTheEventStillGetsATraceButNoRequestId() {
        try (KafkaProbe probe = new KafkaProbe(bootstrap, "agreements.agreement.v1")) {
            String id = given().contentType(ContentType.JSON).body(body("Untraced partnership"))
                    .when().post("/api/v1/agreements").then().statusCode(201).extract().path("id");
            ConsumerRecord<String, String> event = probe.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            String traceparent = KafkaProbe.header(event, "ce_traceparent");
            assertNotNull(traceparent, "a trace starts at the service when the caller sent none");
            assertTrue(TRACEPARENT.matcher(traceparent).matches(), traceparent);
            // the service never invents a correlation id (the gateway does)
            assertNull(KafkaProbe.header(event, "ce_requestid"));
        }
    }

    @Test
    void aMalformedTraceparentIsIgnoredNotAnError() {
        try (KafkaProbe probe = new KafkaProbe(bootstrap, "agreements.agreement.v1")) {
            String id = given().contentType(ContentType.JSON).header("traceparent", "00-not-a-trace-01")
                    .header("X-Request-Id", "bad id with spaces").body(body("Odd headers partnership"))
                    .when().post("/api/v1/agreements").then().statusCode(201).extract().path("id");
            ConsumerRecord<String, String> event = probe.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            assertTrue(TRACEPARENT.matcher(KafkaProbe.header(event, "ce_traceparent")).matches());
            assertNull(KafkaProbe.header(event, "ce_requestid"), "a malformed request id is not carried");
        }
    }
}
