package org.mfs.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The alert rules (files/prometheus-alerts.yaml) checked and unit-tested by Prometheus' own promtool: that every
 * expression parses, and that each alert fires when it should and not before (src/test/resources/
 * prometheus-alerts.test.yaml); and every query of the Grafana dashboard (files/grafana-dashboard.json) parses. promtool is a Go program with no Maven artifact: the test takes it from
 * {@code MFS_PROMTOOL}, the PATH, or {@code .local/tools/prometheus/usr/bin/promtool}, where {@code .ci/run} unpacks
 * Debian's prometheus package; without it the test is skipped, saying so.
 */
class PrometheusRulesTest {

    private static final Path RULES = Chart.DIR.resolve("files/prometheus-alerts.yaml");
    private static final Path DASHBOARD = Chart.DIR.resolve("files/grafana-dashboard.json");
    private static final Path RULE_TESTS = Chart.REPO.resolve("deploy/helm/src/test/resources/prometheus-alerts.test.yaml");

    @Test
    void everyRuleParses() throws Exception {
        run(promtool(), "check", "rules", RULES.toString());
    }

    @Test
    void eachAlertFiresWhenItShouldAndNotBefore() throws Exception {
        run(promtool(), "test", "rules", RULE_TESTS.toString());
    }

    /** Each query of the Grafana dashboard, its variables set, as a recording rule: promtool parses them all. */
    @Test
    void everyQueryOfTheDashboardParses() throws Exception {
        Path promtool = promtool();
        ObjectMapper json = new ObjectMapper();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int n = 0;
        for (JsonNode panel : json.readTree(DASHBOARD.toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText().replace("$namespace", "mfs").replace("$__rate_interval", "5m");
                assertFalse(expr.contains("$"), panel.path("title").asText() + ": a variable the dashboard does not define: " + expr);
                rules.append("      - record: mfs:dashboard:q").append(n++).append("\n        expr: ")
                        .append(json.writeValueAsString(expr)).append('\n');
            }
        }
        assertTrue(n >= 10, "queries: " + n);
        Path file = Files.createTempFile("dashboard-queries", ".yaml");
        Files.writeString(file, rules);
        run(promtool, "check", "rules", file.toString());
        Files.delete(file);
    }

    private static void run(Path promtool, String... args) throws Exception {
        Path log = Files.createTempFile("promtool", ".log");
        Process p = new ProcessBuilder(Stream.concat(Stream.of(promtool.toString()), Stream.of(args)).toList())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in 2 minutes");
        }
        assertEquals(0, p.exitValue(), "promtool " + String.join(" ", args) + ":\n"
                + Files.readString(log, StandardCharsets.UTF_8));
        Files.delete(log);
    }

    private static Path promtool() {
        Optional<Path> found = Stream.concat(
                Stream.of(System.getenv("MFS_PROMTOOL")).filter(s -> s != null && !s.isBlank()).map(Path::of),
                Stream.concat(
                        List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                                .filter(s -> !s.isBlank()).map(d -> Path.of(d, "promtool")),
                        Stream.of(Chart.REPO.resolve(".local/tools/prometheus/usr/bin/promtool"))))
                .filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(found.isPresent(), "promtool not found (MFS_PROMTOOL, PATH, .local/tools): "
                + "the alert rules are not checked; .ci/run fetches Debian's prometheus package for it");
        return found.get();
    }
}
