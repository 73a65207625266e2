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

import org.mfs.platform.consumer.InboundEvent;
import org.mfs.platform.consumer.UnprocessableEvent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Applies minerals-service's {@code minerals.site.v1} events (full state per event) to the site read model, in the
 * order of the per-site sequence. Runs in the platform consumer's transaction, which has already skipped redeliveries
 * and events older than the site's last applied {@code ce_sequence}.
 */
@ApplicationScoped
public class SiteEventsHandler {

    public static final String TOPIC = "minerals.site.v1";
    public static final String DLQ = "security-cooperation.site-dlq.v1";

    private final EntityManager em;

    public SiteEventsHandler(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(InboundEvent e) {
        if (e.type() == null || !e.type().startsWith("site.")) {
            throw new UnprocessableEvent("unexpected event type " + e.type());
        }
        long sequence = Payloads.sequence(e);
        JsonNode p = Payloads.object(e);
        String siteId = Payloads.text(p, "siteId");
        UUID id;
        try {
            id = UUID.fromString(siteId);
        } catch (RuntimeException ex) {
            throw new UnprocessableEvent("payload has no valid siteId: " + siteId);
        }
        if (e.key() != null && !e.key().equals(siteId)) {
            throw new UnprocessableEvent("record key " + e.key() + " differs from payload siteId " + siteId);
        }
        String name = Payloads.text(p, "name");
        String country = Payloads.text(p, "country");
        if (name == null || country == null || !country.matches("^[A-Z]{2}$")) {
            throw new UnprocessableEvent("payload needs name and a two-letter country");
        }
        BigDecimal lat = number(p, "latitude", 90);
        BigDecimal lon = number(p, "longitude", 180);
        List<String> commodities = new ArrayList<>();
        if (p.path("commodities").isArray()) {
            p.get("commodities").forEach(c -> commodities.add(c.asText()));
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
    }

    private static BigDecimal number(JsonNode p, String field, int bound) {
        JsonNode v = p.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || v.decimalValue().abs().compareTo(BigDecimal.valueOf(bound)) > 0) {
            throw new UnprocessableEvent(field + " must be a number within ±" + bound);
        }
        return v.decimalValue().setScale(6, java.math.RoundingMode.HALF_UP);
    }
}
