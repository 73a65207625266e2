package org.mfs.deploy.helm;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the suite's own sources say about each workload, read where the services keep it (no second list kept by
 * hand): name, port, database and topics from each module's application.properties (production profile), the
 * topics from docs/asyncapi.yaml, consumption from its {@code receive} operations (extension {@code x-mfs-service}
 * names the consuming service) and from {@code *.topic} settings.
 */
record SuiteTopology(Map<String, Workload> workloads, Set<String> asyncApiChannels) {

    static final String[] MODULES = {"gateway", "agreements-service", "minerals-service", "security-cooperation-service"};
    private static final Pattern DB_URL = Pattern.compile("\\$\\{([A-Z_]+)_DB_URL:jdbc:postgresql://[^/]+/([a-z_]+)}");
    private static final Pattern ENV_URL = Pattern.compile("\\$\\{([A-Z_]+_URL):http://[^:]+:(\\d+)}");

    /** One workload; envPrefix and database are null for the gateway, upstreamUrlEnv only for it (env -> port). */
    record Workload(String name, int port, String envPrefix, String database, Set<String> produces,
            Set<String> consumes, Map<String, Integer> upstreamUrlEnv) {
    }

    static SuiteTopology read() {
        JsonNode asyncApi = readAsyncApi();
        Set<String> channels = new TreeSet<>();
        Map<String, String> addressByChannelKey = new TreeMap<>();
        asyncApi.path("channels").fields().forEachRemaining(e -> {
            channels.add(e.getValue().path("address").asText());
            addressByChannelKey.put(e.getKey(), e.getValue().path("address").asText());
        });
        Map<String, Set<String>> receivedBy = new TreeMap<>();
        asyncApi.path("operations").forEach(op -> {
            if ("receive".equals(op.path("action").asText())) {
                String ref = op.path("channel").path("$ref").asText();
                String address = addressByChannelKey.get(ref.substring(ref.lastIndexOf('/') + 1));
                if (address == null) {
                    throw new IllegalStateException("receive operation on an unknown channel " + ref);
                }
                receivedBy.computeIfAbsent(op.path("x-mfs-service").asText(), k -> new TreeSet<>()).add(address);
            }
        });

        Map<String, Workload> workloads = new TreeMap<>();
        for (String module : MODULES) {
            Path file = Chart.REPO.resolve(module).resolve("src/main/resources/application.properties");
            Properties p = new Properties();
            String text;
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
                text = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String name = p.getProperty("quarkus.application.name");
            int port = Integer.parseInt(p.getProperty("quarkus.http.port"));
            Matcher db = DB_URL.matcher(p.getProperty("quarkus.datasource.jdbc.url", ""));
            String prefix = db.find() ? db.group(1) : null;
            String database = prefix == null ? null : db.group(2);
            Set<String> produces = list(p.getProperty("mfs.outbox.topics"));
            Set<String> consumes = new TreeSet<>(receivedBy.getOrDefault(name, Set.of()));
            for (String key : p.stringPropertyNames()) {
                if (!key.startsWith("%") && key.endsWith(".topic")) {
                    consumes.add(p.getProperty(key).strip());
                }
            }
            Map<String, Integer> upstreams = new TreeMap<>();
            Matcher url = ENV_URL.matcher(text);
            while (url.find()) {
                upstreams.put(url.group(1), Integer.parseInt(url.group(2)));
            }
            workloads.put(name, new Workload(name, port, prefix, database, produces, consumes, upstreams));
        }
        return new SuiteTopology(workloads, channels);
    }

    /** Every topic a service produces or consumes, and every channel of the AsyncAPI document. */
    Set<String> allTopics() {
        Set<String> all = new TreeSet<>(asyncApiChannels);
        workloads.values().forEach(w -> {
            all.addAll(w.produces());
            all.addAll(w.consumes());
        });
        return all;
    }

    private static Set<String> list(String csv) {
        Set<String> out = new LinkedHashSet<>();
        if (csv != null) {
            for (String s : csv.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return new TreeSet<>(out);
    }

    private static JsonNode readAsyncApi() {
        try {
            return Chart.YAML.readTree(Chart.REPO.resolve("docs/asyncapi.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
