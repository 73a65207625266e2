package org.mfs.security.consumers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mfs.platform.consumer.ConsumerSpec;
import org.mfs.platform.consumer.EventConsumers;
import org.mfs.platform.consumer.RunningConsumer;

import io.quarkus.runtime.StartupEvent;

/**
 * The read models of other services' events, on the platform consumer ({@code org.mfs.platform.consumer}, ADR 8):
 * agreements-service's {@value AgreementEventsHandler#TOPIC} and minerals-service's {@value SiteEventsHandler#TOPIC},
 * each accepting only its producer's {@code ce_source}, with its own dead-letter topic
 * (mfs.security.consumers.enabled).
 */
@ApplicationScoped
public class ReadModelConsumers {

    public static final ConsumerSpec AGREEMENTS = ConsumerSpec.of("agreements", AgreementEventsHandler.TOPIC)
            .withDeadLetterTopic(AgreementEventsHandler.DLQ).withSources("/agreements-service");
    public static final ConsumerSpec SITES = ConsumerSpec.of("sites", SiteEventsHandler.TOPIC)
            .withDeadLetterTopic(SiteEventsHandler.DLQ).withSources("/minerals-service");

    private final EventConsumers consumers;
    private final AgreementEventsHandler agreementHandler;
    private final SiteEventsHandler siteHandler;
    private final boolean enabled;
    private volatile RunningConsumer agreements;

    public ReadModelConsumers(EventConsumers consumers, AgreementEventsHandler agreementHandler,
            SiteEventsHandler siteHandler, @ConfigProperty(name = "mfs.security.consumers.enabled", defaultValue = "true") boolean enabled) {
        this.consumers = consumers;
        this.agreementHandler = agreementHandler;
        this.siteHandler = siteHandler;
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent ev) {
        if (enabled) {
            startAgreements();
            consumers.start(SITES, siteHandler::apply);
        }
    }

    /** Starts the agreements consumer (again, after {@link #agreements()}{@code .stop()}: tests restart it mid-stream). */
    public synchronized RunningConsumer startAgreements() {
        agreements = consumers.start(AGREEMENTS, agreementHandler::apply);
        return agreements;
    }

    /** The running agreements consumer. */
    public RunningConsumer agreements() {
        return agreements;
    }
}
