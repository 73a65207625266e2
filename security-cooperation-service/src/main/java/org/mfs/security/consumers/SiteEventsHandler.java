package org.mfs.security.consumers;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Applies minerals-service's {@code minerals.site.v1} events (full state per event) to the site read model, in the
 * order of the per-site sequence (an older event arriving late changes nothing). Processing logic only: the Kafka
 * polling lives in {@link EventConsumer}.
 */
@ApplicationScoped
public class SiteEventsHandler {

    public static final String TOPIC = "minerals.site.v1";
    public static final String DLQ = "security-cooperation.site-dlq.v1";

    private final EntityManager em;
    private final ConsumedEvents consumed;

    public SiteEventsHandler(EntityManager em, ConsumedEvents consumed) {
        this.em = em;
        this.consumed = consumed;
    }

    /** @return false when the event had been applied already */
    @Transactional
    public boolean apply(IncomingEvent e) {
        if (e.type() == null || !e.type().startsWith("site.")) {
            throw new Unprocessable("unexpected event type " + e.type());
        }
        long sequence = e.requireSequence();
        JsonNode p = e.payload();
        String siteId = IncomingEvent.text(p, "siteId");
        UUID id;
        try {
            id = UUID.fromString(siteId);
        } catch (RuntimeException ex) {
            throw new Unprocessable("payload has no valid siteId: " + siteId);
        }
        if (e.key() != null && !e.key().equals(siteId)) {
            throw new Unprocessable("record key " + e.key() + " differs from payload siteId " + siteId);
        }
        String name = IncomingEvent.text(p, "name");
        String country = IncomingEvent.text(p, "country");
        if (name == null || country == null || !country.matches("^[A-Z]{2}$")) {
            throw new Unprocessable("payload needs name and a two-letter country");
        }
        BigDecimal lat = number(p, "latitude", 90);
        BigDecimal lon = number(p, "longitude", 180);
        List<String> commodities = new ArrayList<>();
        if (p.path("commodities").isArray()) {
            p.get("commodities").forEach(c -> commodities.add(c.asText()));
        }
        if (!consumed.claim(e)) {
            return false;
        }
        em.createNativeQuery("""
                insert into site_ref (id, name, country, latitude, longitude, commodities, last_sequence, updated_at)
                values (:id, :name, :country, :lat, :lon, cast(:commodities as text[]), :seq, :now)
                on conflict (id) do update set name = excluded.name, country = excluded.country,
                    latitude = excluded.latitude, longitude = excluded.longitude, commodities = excluded.commodities,
                    last_sequence = excluded.last_sequence, updated_at = excluded.updated_at
                where site_ref.last_sequence < excluded.last_sequence""")
                .setParameter("id", id).setParameter("name", name.length() > 300 ? name.substring(0, 300) : name)
                .setParameter("country", country).setParameter("lat", lat).setParameter("lon", lon)
                .setParameter("commodities", "{" + String.join(",", commodities.stream()
                        .filter(c -> c.matches("^[a-z0-9][a-z0-9-]{0,63}$")).toList()) + "}")
                .setParameter("seq", sequence).setParameter("now", Instant.now().truncatedTo(ChronoUnit.MICROS))
                .executeUpdate();
        return true;
    }

    private static BigDecimal number(JsonNode p, String field, int bound) {
        JsonNode v = p.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || v.decimalValue().abs().compareTo(BigDecimal.valueOf(bound)) > 0) {
            throw new Unprocessable(field + " must be a number within ±" + bound);
        }
        return v.decimalValue().setScale(6, java.math.RoundingMode.HALF_UP);
    }
}
