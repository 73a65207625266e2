package org.mfs.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The series the chart's alert rules (deploy/helm/mfs/files/prometheus-alerts.yaml) read, and which workloads must
 * expose each: an alert on a series nobody exposes never fires, and nothing else would tell.
 */
final class AlertSeries {

    /** The suite's own series, the database pool's and Quarkus' HTTP counts ({@code up} is Prometheus' own). */
    private static final Pattern SERIES = Pattern.compile("\\b((?:mfs|agroal)_[a-z_]+|http_server_requests_seconds_count)\\b");

    private AlertSeries() {
    }

    /** Each series an expression of the rule file reads, with the workloads that must expose it. */
    static Map<String, Set<String>> wanted(Path rules, Set<String> services, Set<String> consumers) throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        for (JsonNode rule : new ObjectMapper(new YAMLFactory()).readTree(rules.toFile()).findValues("rules").stream()
                .flatMap(r -> StreamSupport.stream(r.spliterator(), false)).toList()) {
            Matcher m = SERIES.matcher(rule.path("expr").asText());
            while (m.find()) {
                String series = m.group(1);
                out.put(series, series.startsWith("mfs_gateway_") ? Set.of("gateway")
                        : series.startsWith("mfs_consumer_") ? consumers
                        : series.startsWith("http_server_") ? union(services, Set.of("gateway"))
                        : services);
            }
        }
        return out;
    }

    /** The names of the samples in a Prometheus text scrape. */
    static Set<String> names(String scrape) {
        return scrape.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }
}
