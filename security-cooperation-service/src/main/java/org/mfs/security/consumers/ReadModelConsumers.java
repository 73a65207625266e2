package org.mfs.security.consumers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Starts the consumers of agreements.agreement.v1 and minerals.site.v1 (mfs.security.consumers.enabled). */
@ApplicationScoped
public class ReadModelConsumers {

    private final EventConsumer agreements;
    private final EventConsumer sites;
    private final boolean enabled;

    public ReadModelConsumers(AgreementEventsHandler agreementHandler, SiteEventsHandler siteHandler,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "mfs.security.consumers.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "mfs.security.consumers.group-prefix", defaultValue = "security-cooperation-service") String group) {
        this.enabled = enabled;
        this.agreements = new EventConsumer(AgreementEventsHandler.TOPIC, AgreementEventsHandler.DLQ, bootstrap,
                group + ".agreements", agreementHandler::apply);
        this.sites = new EventConsumer(SiteEventsHandler.TOPIC, SiteEventsHandler.DLQ, bootstrap, group + ".sites",
                siteHandler::apply);
    }

    void start(@Observes StartupEvent ev) {
        if (enabled) {
            agreements.start();
            sites.start();
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        agreements.stop();
        sites.stop();
    }

    /** The agreements consumer (tests stop and restart it mid-stream). */
    public EventConsumer agreements() {
        return agreements;
    }
}
