package org.mfs.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wrong values fail at install time, before anything reaches the cluster: values.schema.json rejects one wrong value
 * of each kind (type, range, enumeration, pattern, unknown key, missing required key), and the templates reject the
 * combinations a schema cannot express. Each message names what is wrong.
 */
class ValuesSchemaTest {

    @ParameterizedTest(name = "{0}={1} is rejected ({2})")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // kind of mistake: wrong type
        "services.gateway.replicas            | three          | /services/gateway/replicas': got string, want integer",
        // out of range
        "kafka.topics.minInsyncReplicas       | 0              | /kafka/topics/minInsyncReplicas'",
        // not one of the allowed values
        "image.pullPolicy                     | Sometimes      | /image/pullPolicy'",
        // does not match the pattern (a memory quantity)
        "services.minerals-service.resources.limits.memory | lots | /services/minerals-service/resources/limits/memory'",
        // not a URL
        "oidc.issuer                          | id.example.org | 'id.example.org' does not match pattern",
        // unknown key (a typo of replicas)
        "services.gateway.replica             | 2              | additional properties 'replica' not allowed",
        // a required key removed
        "ingress.host                         | null           | missing property 'host'",
        // a scrape interval Prometheus would not read
        "observability.metrics.serviceMonitor.interval | soon | /observability/metrics/serviceMonitor/interval'",
        // an Ingress path that is not an absolute path
        "ingress.paths[0]                     | api            | /ingress/paths/0'",
    })
    void theSchemaRejectsAWrongValueNamingIt(String key, String value, String named) {
        var e = assertThrows(Exception.class, () -> Chart.template(Chart.PRODUCTION, Map.of(key, value)));
        String message = e.getMessage();
        assertTrue(message.contains("schema") && message.contains(named),
                "the error names the schema and " + named + ": " + message);
    }

    @Test
    void theUnchangedValueSetsPassTheSchema() {
        // the negative cases above fail because of their one change, not because the value set is invalid
        Chart.template(Chart.PRODUCTION, Map.of());
        Chart.template(Chart.DEV, Map.of());
    }

    @Test
    void minInsyncReplicasAboveTheReplicationFactorIsRejected() {
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("kafka.topics.minInsyncReplicas", 3);
        sets.put("kafka.topics.replicas", 2);
        var e = assertThrows(Exception.class, () -> Chart.template(Chart.PRODUCTION, sets));
        assertTrue(e.getMessage().contains("minInsyncReplicas must not exceed kafka.topics.replicas"), e.getMessage());
    }

    @Test
    void aReplicationFactorAboveTheBrokerCountIsRejected() {
        var e = assertThrows(Exception.class, () -> Chart.template(Chart.DEV, Map.of("kafka.topics.replicas", 3)));
        assertTrue(e.getMessage().contains("kafka.topics.replicas must not exceed kafka.nodePool.replicas"), e.getMessage());
    }

    @Test
    void podsThatCouldOpenMoreConnectionsThanTheDatabaseAllowsAreRejected() {
        // production: up to 10 replicas + 1 during a rolling update, each with 30 + 2 connections = 352 > 200 - 10
        var e = assertThrows(Exception.class,
                () -> Chart.template(Chart.PRODUCTION, Map.of("services.minerals-service.dbPoolSize", 30)));
        assertTrue(e.getMessage().contains("services.minerals-service: 11 pods") && e.getMessage().contains("= 352")
                && e.getMessage().contains("postgres.maxConnections 200"), e.getMessage());
        // the same pools fit a database that allows them
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("services.minerals-service.dbPoolSize", 30);
        sets.put("postgres.maxConnections", 400);
        Chart.template(Chart.PRODUCTION, sets);
    }

    @Test
    void anInstallWithoutAnIssuerIsRejected() {
        var e = assertThrows(Exception.class, () -> Chart.template(Chart.PRODUCTION, Map.of("oidc.issuer", "")));
        assertTrue(e.getMessage().contains("oidc.issuer is required"), e.getMessage());
    }

    @Test
    void anExistingKafkaNeedsItsBootstrapAddress() {
        var e = assertThrows(Exception.class, () -> Chart.template(Chart.PRODUCTION, Map.of("kafka.create", false)));
        assertTrue(e.getMessage().contains("kafka.bootstrapServers is required"), e.getMessage());
    }

    @Test
    void lintFailsOnAValueTheSchemaRejects() throws Exception {
        // helm lint checks the schema too (it does not evaluate required/fail, the template tests cover those)
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("mfs-bad-values", ".yaml");
        java.nio.file.Files.writeString(bad, "services:\n  gateway:\n    replicas: three\n");
        var result = Chart.lint(bad);
        assertTrue(result.isFailed(), "lint with replicas: three: " + result.getMessages());
        assertTrue(String.join("\n", result.getMessages()).contains("replicas"), result.getMessages().toString());
    }
}
