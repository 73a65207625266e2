package org.mfs.agreements;

import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mfs.platform.outbox.OutboxConfig;
import org.mfs.platform.outbox.OutboxMetrics;
import org.mfs.platform.outbox.OutboxRelay;

/** Relays a test makes beside the application's: its database, meters and broker, with settings of the test's own. */
@ApplicationScoped
class TestRelays {

    private final DataSource dataSource;
    private final OutboxMetrics metrics;
    private final String jdbcUrl;
    private final Optional<String> dbUser;
    private final Optional<String> dbPassword;
    private final String bootstrap;

    TestRelays(DataSource dataSource, OutboxMetrics metrics,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> dbUser,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> dbPassword,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.bootstrap = bootstrap;
    }

    /** A relay with {@code settings}, not started. */
    OutboxRelay with(OutboxConfig settings) {
        return listeningOn(settings, jdbcUrl);
    }

    /** A relay with {@code settings} that listens for commits on {@code listenUrl}, not started. */
    OutboxRelay listeningOn(OutboxConfig settings, String listenUrl) {
        return new OutboxRelay(dataSource, settings, metrics, listenUrl, dbUser, dbPassword, bootstrap);
    }
}
