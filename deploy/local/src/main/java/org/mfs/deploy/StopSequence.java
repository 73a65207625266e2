package org.mfs.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.mfs.platform.infra.LocalKafka;
import org.mfs.platform.infra.LocalPostgres;

/**
 * Stops what a stack started, in reverse order: the gateway, then the services (each group in parallel), then
 * Keycloak, Kafka and PostgreSQL. A part that cannot stop cleanly is reported and the rest still stops.
 */
final class StopSequence {

    /** How long a service or the gateway gets to stop on its own before it is killed. */
    static final Duration SERVICE_GRACE = Duration.ofSeconds(20);
    static final Duration KEYCLOAK_GRACE = Duration.ofSeconds(20);
    static final Duration KAFKA_GRACE = Duration.ofSeconds(30);

    private StopSequence() {
    }

    /** Stops {@code procs} (in start order) and whichever of Keycloak, Kafka and PostgreSQL is not null. */
    static void run(List<ServiceProcess> procs, LocalKeycloak kc, LocalKafka k, LocalPostgres pg,
            Consumer<String> progress) {
        List<ServiceProcess> reversed = new ArrayList<>(procs);
        Collections.reverse(reversed);
        List<ServiceProcess> gateways = reversed.stream().filter(p -> p.spec().isGateway()).toList();
        List<ServiceProcess> services = reversed.stream().filter(p -> !p.spec().isGateway()).toList();
        stopAll(gateways, progress);
        stopAll(services, progress);
        if (kc != null) {
            kc.stop(KEYCLOAK_GRACE);
            progress.accept("  stopped Keycloak");
        }
        if (k != null) {
            try {
                k.stop(KAFKA_GRACE);
                progress.accept("  stopped Kafka");
            } catch (RuntimeException e) {
                progress.accept("  could not stop Kafka cleanly: " + e);
            }
        }
        if (pg != null) {
            try {
                pg.close();
                progress.accept("  stopped PostgreSQL");
            } catch (RuntimeException e) {
                progress.accept("  could not stop PostgreSQL cleanly: " + e);
            }
        }
    }

    private static void stopAll(List<ServiceProcess> procs, Consumer<String> progress) {
        List<CompletableFuture<Void>> stops = procs.stream()
                .map(p -> CompletableFuture.runAsync(() -> {
                    p.stop(SERVICE_GRACE);
                    progress.accept("  stopped " + p.spec().name());
                })).toList();
        stops.forEach(CompletableFuture::join);
    }
}
