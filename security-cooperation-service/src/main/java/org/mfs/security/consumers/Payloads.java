package org.mfs.security.consumers;

import org.mfs.platform.consumer.InboundEvent;
import org.mfs.platform.consumer.UnprocessableEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading the JSON payload of an inbound event; what cannot be read is an {@link UnprocessableEvent}. */
final class Payloads {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Payloads() {
    }

    static JsonNode object(InboundEvent e) {
        if (e.payload() == null || e.payload().isBlank()) {
            throw new UnprocessableEvent("empty payload");
        }
        try {
            JsonNode n = MAPPER.readTree(e.payload());
            if (n == null || !n.isObject()) {
                throw new UnprocessableEvent("payload is not a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new UnprocessableEvent("payload is not JSON: " + ex.getOriginalMessage());
        }
    }

    /** The per-aggregate sequence; an event without one cannot be ordered against the others. */
    static long sequence(InboundEvent e) {
        if (e.sequence().isEmpty() || e.sequence().getAsLong() < 1) {
            throw new UnprocessableEvent("no valid ce_sequence header");
        }
        return e.sequence().getAsLong();
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText().strip();
    }
}
