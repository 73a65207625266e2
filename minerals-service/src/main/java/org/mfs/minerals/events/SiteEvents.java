package org.mfs.minerals.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.minerals.Site;
import org.mfs.platform.outbox.OutboxWriter;

/**
 * The events of the site aggregate, written through the outbox to {@value #TOPIC}, key = site id. Every event carries
 * the site's full state, so a consumer (security-cooperation-service's site read model) builds its copy from the
 * topic alone.
 */
@ApplicationScoped
public class SiteEvents {

    public static final String TOPIC = "minerals.site.v1";
    public static final String AGGREGATE = "site";
    public static final String CREATED = "site.created.v1";
    public static final String UPDATED = "site.updated.v1";

    private final OutboxWriter outbox;

    public SiteEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** {@code s} must be flushed (its version current). */
    public void created(Site s) {
        outbox.append(TOPIC, AGGREGATE, s.id.toString(), CREATED, SiteState.of(s));
    }

    /** {@code s} must be flushed (its version current). */
    public void updated(Site s) {
        outbox.append(TOPIC, AGGREGATE, s.id.toString(), UPDATED, SiteState.of(s));
    }

    /**
     * Payload of {@code site.created.v1} and {@code site.updated.v1}: the full state after the change.
     * JSON Schemas: events/site.created.v1.json, events/site.updated.v1.json.
     */
    public record SiteState(String siteId, String name, String kind, String country, String region, BigDecimal latitude,
            BigDecimal longitude, List<String> commodities, String operator, String status, String source, boolean demo,
            long version, Instant updatedAt) {

        static SiteState of(Site s) {
            return new SiteState(s.id.toString(), s.name, s.kind.name(), s.country, s.region, s.latitude, s.longitude,
                    List.copyOf(s.commodities), s.operator, s.status.name(), s.source, s.demo, s.version, s.updatedAt);
        }
    }
}
