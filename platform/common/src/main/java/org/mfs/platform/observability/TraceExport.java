package org.mfs.platform.observability;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * Whether spans are recorded and exported (ADR 16). Trace context is always created and propagated (HTTP
 * {@code traceparent}, the events' {@code ce_traceparent}, the {@code traceId} in log lines); spans are recorded only
 * when an OTLP endpoint is configured ({@code MFS_OTLP_ENDPOINT}, or
 * {@code quarkus.otel.exporter.otlp.traces.endpoint} set to something else than Quarkus' default). Without one the
 * sampler records nothing, so no span is built, queued or sent: ids only.
 */
@ApplicationScoped
public class TraceExport {

    private static final Logger LOG = Logger.getLogger(TraceExport.class);
    /** Quarkus' default endpoint: left at it, nothing was configured. */
    private static final String QUARKUS_DEFAULT = "http://localhost:4317";

    @Produces
    @Singleton
    Sampler sampler(@ConfigProperty(name = "mfs.otlp.endpoint") Optional<String> endpoint,
            @ConfigProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint") Optional<String> tracesEndpoint,
            @ConfigProperty(name = "mfs.otlp.sample-ratio", defaultValue = "1.0") double ratio) {
        return choose(endpoint, tracesEndpoint, ratio);
    }

    static Sampler choose(Optional<String> endpoint, Optional<String> tracesEndpoint, double ratio) {
        Optional<String> target = endpoint.filter(e -> !e.isBlank())
                .or(() -> tracesEndpoint.filter(e -> !e.isBlank() && !stripSlash(e).equals(QUARKUS_DEFAULT)));
        if (target.isEmpty()) {
            LOG.debug("no OTLP endpoint configured: trace ids propagate, spans are not recorded");
            return Sampler.alwaysOff();
        }
        LOG.infof("spans exported over OTLP to %s (sample ratio %s)", target.get(), ratio);
        return Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
    }

    private static String stripSlash(String s) {
        String t = s.strip();
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }
}
