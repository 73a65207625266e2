package org.mfs.agreements.commodities;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Applies one commodity event to the read model, once per event id (the id is stored in the same transaction). */
@ApplicationScoped
public class CommodityApplier {

    /** A record that can never be applied (sent to the dead-letter topic). */
    public static class Unprocessable extends RuntimeException {
        Unprocessable(String reason) {
            super(reason);
        }
    }

    private final EntityManager em;
    private final ObjectMapper mapper;

    public CommodityApplier(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** @return false when the event was already applied */
    @Transactional
    public boolean apply(String eventId, String ceType, String key, String value) {
        if (ceType != null && !ceType.startsWith("commodity.")) {
            throw new Unprocessable("unexpected event type " + ceType);
        }
        if (value == null || value.isBlank()) {
            throw new Unprocessable("empty payload");
        }
        JsonNode payload;
        try {
            payload = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new Unprocessable("payload is not JSON: " + e.getOriginalMessage());
        }
        if (payload == null || !payload.isObject()) {
            throw new Unprocessable("payload is not a JSON object");
        }
        String code = text(payload, "code");
        String name = text(payload, "name");
        if (code == null || !code.matches("^[a-z0-9][a-z0-9-]{0,63}$")) {
            throw new Unprocessable("payload has no valid commodity code (field code): " + code);
        }
        if (key != null && !key.equals(code)) {
            throw new Unprocessable("record key " + key + " differs from payload code " + code);
        }
        if (name == null) {
            name = code;
        }
        int claimed = em.createNativeQuery("""
                insert into processed_event (event_id, topic, processed_at) values (:id, :topic, :now)
                on conflict (event_id) do nothing""")
                .setParameter("id", eventId).setParameter("topic", CommodityConsumer.TOPIC)
                .setParameter("now", Instant.now().truncatedTo(ChronoUnit.MICROS)).executeUpdate();
        if (claimed == 0) {
            return false;
        }
        em.createNativeQuery("""
                insert into commodity (code, name, updated_at) values (:code, :name, :now)
                on conflict (code) do update set name = excluded.name, updated_at = excluded.updated_at""")
                .setParameter("code", code).setParameter("name", name.length() > 200 ? name.substring(0, 200) : name)
                .setParameter("now", Instant.now().truncatedTo(ChronoUnit.MICROS)).executeUpdate();
        return true;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText().strip();
    }
}
