package org.mfs.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mfs.deploy.SuiteStack.CREATE;
import static org.mfs.deploy.SuiteStack.TOPIC;
import static org.mfs.deploy.SuiteStack.admin;
import static org.mfs.deploy.SuiteStack.assertEventually;
import static org.mfs.deploy.SuiteStack.config;
import static org.mfs.deploy.SuiteStack.drcEditor;
import static org.mfs.deploy.SuiteStack.postAsACarefulClient;
import static org.mfs.deploy.SuiteStack.stack;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfs.platform.infra.KafkaProbe;

/**
 * What an operator follows in the running suite: one trace and one request id from a call through the gateway to
 * the events it caused and a consumer's reaction (ADR 16), and the metrics the chart's alerts and dashboard read
 * (ADR 25).
 */
@ExtendWith(SuiteStack.class)
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {

    /**
     * One trace id and one request id follow a suspension from the gateway to the agreement's event, into
     * security-cooperation-service's reaction (its programme put on hold) and that programme's event (ADR 16).
     */
    @Test
    @Order(1)
    void oneTraceFollowsASuspensionFromTheGatewayToTheProgrammeItPutOnHold() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(config.services().contains(ServiceSpec.SECURITY_COOPERATION),
                "needs security-cooperation-service");
        String gateway = stack.gatewayUrl();
        String agreement = postAsACarefulClient(drcEditor, "/api/v1/agreements", CREATE).then().statusCode(201)
                .extract().path("id");
        for (String[] step : new String[][] { { "UNDER_NEGOTIATION", "2025-04-01" }, { "SIGNED", "2025-06-27" },
                { "IN_FORCE", "2025-09-01" } }) {
            postAsACarefulClient(drcEditor, "/api/v1/agreements/" + agreement + "/transitions",
                    "{\"to\": \"" + step[0] + "\", \"on\": \"" + step[1] + "\"}").then().statusCode(200);
        }
        String programmeBody = """
                {"agreementId": "%s", "title": "Traced border programme", "providerCountry": "US", "recipientCountry": "CD",
                 "category": "ANTI_SMUGGLING", "classification": "PUBLIC", "startDate": "2025-10-01", "endDate": "2027-09-30",
                 "targetRegions": [{"country": "CD", "region": "South Kivu"}],
                 "sources": [{"title": "Programme document", "reference": "INL-CD-TRACE"}]}
                """.formatted(agreement);
        // security-cooperation-service knows the agreement once it consumed its events
        String[] programme = new String[1];
        assertEventually(() -> {
            io.restassured.response.Response r = given().baseUri(gateway).auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(programmeBody).when().post("/api/v1/security-cooperation/programmes");
            programme[0] = r.statusCode() == 201 ? r.path("id") : null;
            return programme[0] != null;
        }, "security-cooperation-service never accepted a programme under agreement " + agreement);
        given().baseUri(gateway).auth().oauth2(admin).contentType(ContentType.JSON).body("{\"to\": \"ACTIVE\"}")
                .when().post("/api/v1/security-cooperation/programmes/" + programme[0] + "/transitions").then().statusCode(200);

        String traceId = UUID.randomUUID().toString().replace("-", "");
        String requestId = "it-suspend-" + UUID.randomUUID();
        try (KafkaProbe agreements = new KafkaProbe(stack.kafkaBootstrap(), TOPIC);
                KafkaProbe programmes = new KafkaProbe(stack.kafkaBootstrap(), "security-cooperation.programme.v1")) {
            given().baseUri(gateway).auth().oauth2(drcEditor).contentType(ContentType.JSON)
                    .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01").header("X-Request-Id", requestId)
                    .body("{\"to\": \"SUSPENDED\", \"on\": \"2026-01-10\", \"reason\": \"ceasefire violated\"}")
                    .when().post("/api/v1/agreements/" + agreement + "/transitions")
                    .then().statusCode(200).header("X-Request-Id", requestId);

            ConsumerRecord<String, String> suspended = agreements.await(r -> agreement.equals(r.key())
                    && "agreement.status-changed.v1".equals(KafkaProbe.header(r, "ce_type"))
                    && r.value().contains("SUSPENDED\""), 1, Duration.ofSeconds(60)).get(0);
            assertEquals(traceId, traceIdOf(KafkaProbe.header(suspended, "ce_traceparent")), "the agreement event's trace");
            assertEquals(requestId, KafkaProbe.header(suspended, "ce_requestid"));

            ConsumerRecord<String, String> held = programmes.await(r -> programme[0].equals(r.key())
                    && "programme.status-changed.v1".equals(KafkaProbe.header(r, "ce_type"))
                    && r.value().contains("\"automatic\":true"), 1, Duration.ofSeconds(60)).get(0);
            assertEquals(traceId, traceIdOf(KafkaProbe.header(held, "ce_traceparent")), "the programme event's trace");
            assertEquals(requestId, KafkaProbe.header(held, "ce_requestid"));
            assertEquals(KafkaProbe.header(suspended, "ce_id"), JsonPath.from(held.value()).getString("triggeringEventId"));
        }
        given().baseUri(gateway).auth().oauth2(admin).when().get("/api/v1/security-cooperation/programmes/" + programme[0])
                .then().statusCode(200).body("status", equalTo("ON_HOLD"));
    }

    private static String traceIdOf(String traceparent) {
        assertNotNull(traceparent, "no ce_traceparent");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-0[01]").matcher(traceparent);
        assertTrue(m.matches(), traceparent);
        return m.group(1);
    }

    /** An alert on a series no workload exposes would never fire, a panel would stay empty (ADR 25). */
    @Test
    @Order(2)
    void everySeriesTheChartsAlertsAndDashboardReadIsExposedByTheWorkloadsTheyWatch() throws IOException {
        Set<String> services = config.services().stream().filter(s -> !s.isGateway()).map(ServiceSpec::name)
                .collect(Collectors.toSet());
        // the services that consume events (README's table): agreements-service and security-cooperation-service
        Set<String> consumers = services.stream().filter(s -> !s.equals(ServiceSpec.MINERALS.name()))
                .collect(Collectors.toSet());
        Map<String, Set<String>> wanted = WatchedSeries.wanted(config.repoRoot().resolve("deploy/helm/mfs"), services,
                consumers);
        assertTrue(wanted.keySet().containsAll(Set.of("mfs_outbox_oldest_unsent_seconds", "mfs_consumer_dead_letters_total",
                "mfs_gateway_circuit_breaker_state", "agroal_active_count")), "the chart reads: " + wanted.keySet());
        List<String> missing = new ArrayList<>();
        for (ServiceSpec s : config.services()) {
            // one request each, so that the HTTP server's series exist whatever ran before
            given().baseUri(stack.serviceUrl(s)).when().get("/api/v1/agreements/none").then().statusCode(401);
            Set<String> exposed = WatchedSeries.names(given().baseUri(stack.serviceUrl(s)).when().get("/q/metrics")
                    .then().statusCode(200).extract().asString());
            wanted.forEach((series, by) -> {
                if (by.contains(s.name()) && !exposed.contains(series)) {
                    missing.add(s.name() + " " + series);
                }
            });
        }
        assertEquals(List.of(), missing, "series the chart's alerts or dashboard read that a workload does not expose");
    }
}
