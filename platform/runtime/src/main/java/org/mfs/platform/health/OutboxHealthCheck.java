package org.mfs.platform.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.mfs.platform.outbox.OutboxBacklog;
import org.mfs.platform.outbox.OutboxConfig;
import org.mfs.platform.outbox.OutboxRelay;

/**
 * Reports the outbox backlog. A broker that is away for a moment does not make the service unready (writes still
 * succeed and their events wait in the outbox), but a stalled relay does: the check is DOWN when the oldest unsent
 * row is older than {@code mfs.outbox.stalled-after}, when the relay thread is not running although enabled, or when
 * the database cannot be read.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final OutboxBacklog backlog;
    private final OutboxRelay relay;
    private final OutboxConfig config;

    public OutboxHealthCheck(OutboxBacklog backlog, OutboxRelay relay, OutboxConfig config) {
        this.backlog = backlog;
        this.relay = relay;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("outbox");
        try {
            OutboxBacklog.Snapshot snap = backlog.read();
            boolean stalled = snap.oldestAge().compareTo(config.stalledAfter()) > 0;
            boolean relayDown = config.relayEnabled() && !relay.isRunning();
            b.status(!stalled && !relayDown)
                    .withData("pending", snap.pending())
                    .withData("oldestPendingSeconds", snap.oldestAge().toSeconds())
                    .withData("stalled", stalled)
                    .withData("stalledAfterSeconds", config.stalledAfter().toSeconds())
                    .withData("relayRunning", relay.isRunning())
                    .withData("ownConnection", relay.ownConnection())
                    .withData("topicsReady", relay.topicsReady())
                    .withData("published", relay.publishedCount())
                    .withData("producerRebuilds", relay.producerRebuilds());
            relay.lastError().ifPresent(e -> b.withData("lastError", e));
            if (!relay.suspendedTopics().isEmpty()) {
                b.withData("suspendedTopics", String.join(", ", relay.suspendedTopics().keySet()));
            }
        } catch (Exception e) {
            b.down().withData("error", e.getMessage());
        }
        return b.build();
    }
}
