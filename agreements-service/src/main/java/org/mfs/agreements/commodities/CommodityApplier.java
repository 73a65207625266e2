package org.mfs.agreements.commodities;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.mfs.platform.consumer.InboundEvent;
import org.mfs.platform.consumer.UnprocessableEvent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Applies one commodity event to the read model. The platform consumer calls it inside the transaction that records
 * the event id and the commodity's sequence, so a redelivered or older event never reaches it.
 */
@ApplicationScoped
public class CommodityApplier {

    private final EntityManager em;
    private final ObjectMapper mapper;

    public CommodityApplier(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(InboundEvent event) {
        if (event.type() != null && !event.type().startsWith("commodity.")) {
            throw new UnprocessableEvent("unexpected event type " + event.type());
        }
        String value = event.payload();
        if (value == null || value.isBlank()) {
            throw new UnprocessableEvent("empty payload");
        }
        JsonNode payload;
        try {
            payload = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new UnprocessableEvent("payload is not JSON: " + e.getOriginalMessage());
        }
        if (payload == null || !payload.isObject()) {
            throw new UnprocessableEvent("payload is not a JSON object");
        }
        String code = text(payload, "code");
        String name = text(payload, "name");
        if (code == null || !code.matches("^[a-z0-9][a-z0-9-]{0,63}$")) {
            throw new UnprocessableEvent("payload has no valid commodity code (field code): " + code);
        }
        if (event.key() != null && !event.key().equals(code)) {
            throw new UnprocessableEvent("record key " + event.key() + " differs from payload code " + code);
        }
        if (name == null) {
            name = code;
        }
        em.createNativeQuery("""
                insert into commodity (code, name, updated_at) values (:code, :name, :now)
                on conflict (code) do update set name = excluded.name, updated_at = excluded.updated_at""")
                .setParameter("code", code).setParameter("name", name.length() > 200 ? name.substring(0, 200) : name)
                .setParameter("now", Instant.now().truncatedTo(ChronoUnit.MICROS)).executeUpdate();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText().strip();
    }
}
