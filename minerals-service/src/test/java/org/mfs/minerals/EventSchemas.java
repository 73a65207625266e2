package org.mfs.minerals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Validates event payloads against the JSON Schemas the service ships under events/. */
final class EventSchemas {

    private EventSchemas() {
    }

    static void assertValid(String eventType, JsonNode payload) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream("events/" + eventType + ".json")) {
            assertTrue(in != null, "no schema events/" + eventType + ".json");
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
            Set<ValidationMessage> errors = schema.validate(payload);
            assertTrue(errors.isEmpty(), eventType + " payload " + payload + " breaks its schema: " + errors);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
