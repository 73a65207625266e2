package org.mfs.platform.health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.mfs.platform.outbox.OutboxRelay;

/**
 * Reports the outbox backlog. The service stays ready while the broker is away (writes still succeed and
 * their events wait in the outbox), so this check is down only when the database cannot be read.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final DataSource dataSource;
    private final OutboxRelay relay;

    public OutboxHealthCheck(DataSource dataSource, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("outbox");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*), min(occurred_at) from outbox_event where published_at is null")) {
            rs.next();
            long pending = rs.getLong(1);
            OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
            b.up().withData("pending", pending)
                    .withData("oldestPendingSeconds", oldest == null ? 0
                            : Duration.between(oldest, OffsetDateTime.now()).toSeconds())
                    .withData("relayRunning", relay.isRunning())
                    .withData("topicsReady", relay.topicsReady())
                    .withData("published", relay.publishedCount());
            relay.lastError().ifPresent(e -> b.withData("lastError", e));
        } catch (Exception e) {
            b.down().withData("error", e.getMessage());
        }
        return b.build();
    }
}
