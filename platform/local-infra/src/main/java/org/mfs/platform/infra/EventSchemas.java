package org.mfs.platform.infra;

import java.io.InputStream;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates event payloads against the JSON Schema (draft 2020-12) a service ships for each event type under
 * {@code events/<type>.json} on its classpath.
 */
public final class EventSchemas {

    private EventSchemas() {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Validates a CloudEvent read from Kafka: its value against the schema of its {@code ce_type}. */
    public static void assertValid(ConsumerRecord<String, String> record) {
        String type = KafkaProbe.header(record, "ce_type");
        if (type == null) {
            throw new AssertionError("record without ce_type: " + record);
        }
        try {
            assertValid(type, MAPPER.readTree(record.value()));
        } catch (java.io.IOException e) {
            throw new AssertionError(type + " value is not JSON: " + record.value(), e);
        }
    }

    public static void assertValid(String eventType, JsonNode payload) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream("events/" + eventType + ".json")) {
            if (in == null) {
                throw new AssertionError("no schema events/" + eventType + ".json");
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
            Set<ValidationMessage> errors = schema.validate(payload);
            if (!errors.isEmpty()) {
                throw new AssertionError(eventType + " payload " + payload + " breaks its schema: " + errors);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
