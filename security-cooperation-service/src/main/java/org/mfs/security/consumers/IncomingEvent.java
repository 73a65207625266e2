package org.mfs.security.consumers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One CloudEvent read from Kafka (binary mode): id, type, subject key, per-aggregate sequence and JSON payload. */
public record IncomingEvent(String topic, String id, String type, String key, Long sequence, String value) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The payload as a JSON object, or {@link Unprocessable}. */
    public JsonNode payload() {
        if (value == null || value.isBlank()) {
            throw new Unprocessable("empty payload");
        }
        try {
            JsonNode n = MAPPER.readTree(value);
            if (n == null || !n.isObject()) {
                throw new Unprocessable("payload is not a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Unprocessable("payload is not JSON: " + e.getOriginalMessage());
        }
    }

    public long requireSequence() {
        if (sequence == null || sequence < 1) {
            throw new Unprocessable("no valid ce_sequence header");
        }
        return sequence;
    }

    public static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText().strip();
    }
}
