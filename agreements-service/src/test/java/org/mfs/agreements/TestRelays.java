package org.mfs.agreements;

import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mfs.platform.outbox.OutboxConfig;
import org.mfs.platform.outbox.OutboxMetrics;
import org.mfs.platform.outbox.OutboxRelay;
import org.mfs.platform.outbox.OutboxWakeUp;

/** Relays a test makes beside the application's: its database, meters and broker, with settings of the test's own. */
@ApplicationScoped
class TestRelays {

    private final DataSource dataSource;
    private final OutboxMetrics metrics;
    private final OutboxWakeUp wakeUp;
    private final String jdbcUrl;
    private final Optional<String> dbUser;
    private final Optional<String> dbPassword;
    private final String bootstrap;

    TestRelays(DataSource dataSource, OutboxMetrics metrics, OutboxWakeUp wakeUp,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> dbUser,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> dbPassword,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.wakeUp = wakeUp;
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.bootstrap = bootstrap;
    }

    /** A relay with {@code settings}, not started. */
    OutboxRelay with(OutboxConfig settings) {
        return withOwnConnectionTo(settings, jdbcUrl);
    }

    /** A relay with {@code settings} whose own connection goes to {@code url}, not started. */
    OutboxRelay withOwnConnectionTo(OutboxConfig settings, String url) {
        return new OutboxRelay(dataSource, settings, metrics, wakeUp, url, dbUser, dbPassword, bootstrap);
    }
}
