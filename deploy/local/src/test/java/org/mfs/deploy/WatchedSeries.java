package org.mfs.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The series the chart's alert rules (deploy/helm/mfs/files/prometheus-alerts.yaml) and Grafana dashboard
 * (grafana-dashboard.json) read, and which workloads must expose each: an alert on a series nobody exposes never
 * fires, a panel stays empty, and nothing else would tell.
 */
final class WatchedSeries {

    /** The suite's own series, the database pool's, Quarkus' HTTP and JVM series ({@code up} is Prometheus' own). */
    private static final Pattern SERIES = Pattern.compile("\\b((?:mfs|agroal|http_server|jvm)_[a-z_]+)\\b");

    private WatchedSeries() {
    }

    /** Each series a query of the chart reads, with the workloads that must expose it. */
    static Map<String, Set<String>> wanted(Path chart, Set<String> services, Set<String> consumers) throws IOException {
        List<String> queries = new ArrayList<>();
        new ObjectMapper(new YAMLFactory()).readTree(chart.resolve("files/prometheus-alerts.yaml").toFile())
                .findValues("rules").forEach(rules -> rules.forEach(r -> queries.add(r.path("expr").asText())));
        for (JsonNode panel : new ObjectMapper().readTree(chart.resolve("files/grafana-dashboard.json").toFile()).path("panels")) {
            panel.path("targets").forEach(t -> queries.add(t.path("expr").asText()));
        }
        Set<String> everyone = new TreeSet<>(services);
        everyone.add("gateway");
        Map<String, Set<String>> out = new TreeMap<>();
        for (String query : queries) {
            Matcher m = SERIES.matcher(query);
            while (m.find()) {
                String series = m.group(1);
                out.put(series, series.startsWith("mfs_gateway_") ? Set.of("gateway")
                        : series.startsWith("mfs_consumer_") ? consumers
                        : series.startsWith("http_server_") || series.startsWith("jvm_") ? everyone
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
}
