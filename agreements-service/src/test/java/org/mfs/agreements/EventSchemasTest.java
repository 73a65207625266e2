package org.mfs.agreements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.mfs.agreements.events.AgreementEvents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every event payload record has a committed JSON Schema whose properties are exactly the record's fields. */
class EventSchemasTest {

    @Test
    void eachEventRecordMatchesItsSchema() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        int checked = 0;
        for (Class<?> c : AgreementEvents.class.getDeclaredClasses()) {
            if (!c.isRecord()) {
                continue;
            }
            java.lang.reflect.Field typeField;
            try {
                typeField = c.getField("TYPE");
            } catch (NoSuchFieldException e) {
                continue; // a nested part of a payload, not an event
            }
            String type = (String) typeField.get(null);
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("events/" + type + ".json")) {
                assertNotNull(in, "no schema events/" + type + ".json");
                JsonNode schema = mapper.readTree(in);
                assertEquals(type, schema.get("title").asText());
                Set<String> props = new TreeSet<>();
                schema.get("properties").fieldNames().forEachRemaining(props::add);
                Set<String> fields = Arrays.stream(c.getRecordComponents()).map(RecordComponent::getName)
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(fields, props, type + ": schema properties and record fields differ");
                assertTrue(schema.get("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean());
                checked++;
            }
        }
        assertEquals(10, checked, "event types with a schema");
    }
}
