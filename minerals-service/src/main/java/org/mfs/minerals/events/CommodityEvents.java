package org.mfs.minerals.events;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.minerals.Commodity;
import org.mfs.platform.outbox.OutboxWriter;

/**
 * The events of the commodity aggregate, written through the outbox to {@value #TOPIC}, keyed by the commodity
 * code. Every event carries the commodity's full state, so a consumer builds its read model from the topic alone
 * (the seeded commodities are published once by migration V1 as {@code commodity.created.v1}).
 */
@ApplicationScoped
public class CommodityEvents {

    public static final String TOPIC = "minerals.commodity.v1";
    public static final String AGGREGATE = "commodity";
    public static final String CREATED = "commodity.created.v1";
    public static final String UPDATED = "commodity.updated.v1";

    private final OutboxWriter outbox;

    public CommodityEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void created(Commodity c) {
        outbox.append(TOPIC, AGGREGATE, c.code, CREATED, CommodityState.of(c));
    }

    /** {@code c.version} must already be the new version (flush before calling). */
    public void updated(Commodity c) {
        outbox.append(TOPIC, AGGREGATE, c.code, UPDATED, CommodityState.of(c));
    }

    /**
     * Payload of {@code commodity.created.v1} and {@code commodity.updated.v1}: the full state after the change.
     * JSON Schemas: events/commodity.created.v1.json, events/commodity.updated.v1.json.
     */
    public record CommodityState(String code, String name, String symbol, String category, String unit,
            String unitBasis, String oreOf, List<String> hsCodes, List<String> listings, List<String> aliases,
            String description, long version, Instant updatedAt) {

        static CommodityState of(Commodity c) {
            return new CommodityState(c.code, c.name, c.symbol, c.category.name(), c.unit, c.unitBasis, c.oreOf,
                    List.copyOf(c.hsCodes), List.copyOf(c.listings), List.copyOf(c.aliases), c.description, c.version,
                    c.updatedAt);
        }
    }
}
