package org.mfs.agreements.commodities;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mfs.platform.consumer.ConsumerSpec;
import org.mfs.platform.consumer.EventConsumers;

import io.quarkus.runtime.StartupEvent;

/**
 * Builds the commodity read model from minerals-service's {@code minerals.commodity.v1} events with the platform
 * consumer ({@link EventConsumers}): once per event id, never an older event after a newer one of the same commodity,
 * only records whose {@code ce_source} is minerals-service; what cannot be applied goes to
 * {@code agreements.commodity-dlq.v1} with the reason in header {@code mfs_dlq_reason}.
 */
@ApplicationScoped
public class CommodityConsumer {

    public static final String NAME = "commodities";
    public static final String TOPIC = "minerals.commodity.v1";
    public static final String DLQ = "agreements.commodity-dlq.v1";
    public static final String SOURCE = "/minerals-service";

    private final CommodityApplier applier;
    private final boolean enabled;
    private final String groupId;

    public CommodityConsumer(CommodityApplier applier,
            @ConfigProperty(name = "mfs.agreements.commodities.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "mfs.agreements.commodities.group-id", defaultValue = "agreements-service.commodities") String groupId) {
        this.applier = applier;
        this.enabled = enabled;
        this.groupId = groupId;
    }

    void start(@Observes StartupEvent ev, EventConsumers consumers) {
        if (enabled) {
            consumers.start(ConsumerSpec.of(NAME, TOPIC).withDeadLetterTopic(DLQ).withSources(SOURCE).withGroupId(groupId),
                    applier::apply);
        }
    }
}
