package org.mfs.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The suite's AsyncAPI document describes every topic the services create and every event type they commit a schema for. */
class SuiteContractsTest {

    static final Path REPO = Path.of("").toAbsolutePath().getParent().getParent();
    static final List<String> SERVICES = List.of("agreements-service", "minerals-service", "security-cooperation-service");

    final JsonNode asyncApi = read();

    @Test
    void everyEventSchemaIsAMessageOfTheAsyncApiDocumentWithThatSchemaAsPayload() throws IOException {
        Map<String, String> payloadByName = new HashMap<>();
        asyncApi.path("components").path("messages").forEach(m -> payloadByName.put(m.path("name").asText(),
                m.path("payload").path("$ref").asText()));
        List<String> missing = new ArrayList<>();
        for (String service : SERVICES) {
            Path events = REPO.resolve(service).resolve("src/main/resources/events");
            if (!Files.isDirectory(events)) {
                continue;
            }
            try (Stream<Path> schemas = Files.list(events)) {
                for (Path schema : schemas.filter(p -> p.toString().endsWith(".json")).toList()) {
                    String type = schema.getFileName().toString().replaceFirst("\\.json$", "");
                    String ref = payloadByName.get(type);
                    if (ref == null || !REPO.resolve("docs").resolve(ref).normalize().equals(schema.normalize())) {
                        missing.add(type + " (" + REPO.relativize(schema) + ", payload ref " + ref + ")");
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "event types missing from docs/asyncapi.yaml: " + missing);
        assertTrue(payloadByName.size() >= 13, "messages: " + payloadByName.keySet());
    }

    @Test
    void everyTopicAServiceCreatesIsAChannel() throws IOException {
        Set<String> channels = new HashSet<>();
        asyncApi.path("channels").forEach(c -> channels.add(c.path("address").asText()));
        Set<String> created = new HashSet<>();
        for (String service : SERVICES) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(REPO.resolve(service).resolve("src/main/resources/application.properties"))) {
                p.load(r);
            }
            for (String topic : p.getProperty("mfs.outbox.topics", "").split(",")) {
                if (!topic.isBlank()) {
                    created.add(topic.strip());
                }
            }
        }
        assertEquals(created, channels, "channels of docs/asyncapi.yaml vs topics the services create");
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(REPO.resolve("docs/asyncapi.yaml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
