package org.mfs.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.LogCapture;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.platform.infra.TestOidcResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * With JSON logs switched on ({@code MFS_LOG_JSON=true}, ADR 16) a line written while a request is handled is one
 * JSON object naming the service, the request's correlation id and its trace id, as a log collector indexes them.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamStubs.class)
@QuarkusTestResource(TestOidcResource.class)
@TestProfile(JsonLogsTest.Json.class)
class JsonLogsTest extends SignedInAsAdmin {

    public static class Json implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("MFS_LOG_JSON", "true");
        }
    }

    @Test
    void aRequestsLogLineIsJsonWithTheServiceTheRequestIdAndTheTraceId() {
        String requestId = "json-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        LogCapture capture = LogCapture.start();
        try {
            // a service that cannot be reached: the gateway answers 503 and logs a warning while handling the request
            given().header("X-Request-Id", requestId).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .when().get("/api/v1/retired/things")
                    .then().statusCode(503);
        } finally {
            capture.close();
        }
        List<ExtLogRecord> lines = capture.records();
        ExtLogRecord line = lines.stream().filter(l -> requestId.equals(l.getMdc("requestId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no log line of the request among " + lines.size()));

        // what the console handler (where the logs of a pod go) writes for that line
        java.util.logging.Formatter console = consoleHandler(LogContext.getLogContext().getLogger("").getHandlers())
                .orElseThrow(() -> new AssertionError("no console handler")).getFormatter();
        JsonObject json = new JsonObject(console.format(line).strip());
        assertEquals("gateway", json.getString("service"));
        assertEquals("WARN", json.getString("level"));
        assertTrue(json.getString("message").contains("retired-service"), json.encode());
        JsonObject mdc = json.getJsonObject("mdc");
        assertNotNull(mdc, json.encode());
        assertEquals(requestId, mdc.getString("requestId"));
        assertEquals(traceId, mdc.getString("traceId"));
    }

    /** The console handler, wherever Quarkus nests it under the root logger's handlers. */
    private static Optional<Handler> consoleHandler(Handler[] handlers) {
        for (Handler h : handlers) {
            if (h.getClass().getSimpleName().contains("Console")) {
                return Optional.of(h);
            }
            if (h instanceof ExtHandler ext) {
                Optional<Handler> nested = consoleHandler(ext.getHandlers());
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }
}
