package org.mfs.minerals.service.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The partitions of {@code statistic}, one per edition that has facts, named {@code statistic_e<edition id>}
 * (migration V5, ADR 0103, night amendment). The first import of an edition fills a plain table shaped like
 * {@code statistic}, either by a COPY straight into it ({@link #startDirect}, when the file starts with that edition)
 * or from the staging table ({@link #build}), then adds the primary key by one sort and validates each foreign key by
 * one query, and attaches it. Inserting into {@code statistic} instead would update the key's index and fire three
 * foreign-key triggers once per row: about 25 times a plain COPY for a million facts, against about 5 times for the
 * whole import this way. Every constraint is still declared in, and checked by, PostgreSQL; the checks come with
 * {@code like ... including constraints}. All of it is DDL inside the import's transaction: a failed import leaves
 * neither table nor partition behind.
 */
final class EditionPartitions {

    private EditionPartitions() {
    }

    /** The ids among {@code editionIds} that have no partition yet, i.e. no facts. */
    static Set<Integer> without(Connection c, List<Integer> editionIds) throws SQLException {
        Set<Integer> missing = new HashSet<>(editionIds);
        try (PreparedStatement ps = c.prepareStatement("""
                select p.relname from pg_inherits i join pg_class p on p.oid = i.inhrelid
                where i.inhparent = 'statistic'::regclass
                """); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                missing.remove(editionId(rs.getString(1)));
            }
        }
        return missing;
    }

    private static Integer editionId(String partition) {
        return partition.startsWith("statistic_e") ? Integer.valueOf(partition.substring("statistic_e".length()))
                : null;
    }

    /**
     * Creates edition {@code editionId}'s partition-to-be with a {@code line} column, and returns the COPY that fills
     * it in the staging table's column order ({@link Staging}): the values go there once instead of into the staging
     * table and then again into the partition. {@link #complete} finishes it.
     */
    static String startDirect(Connection c, int editionId, UUID importId) throws SQLException {
        String table = create(c, editionId);
        try (Statement s = c.createStatement()) {
            s.execute("alter table " + table + " add column line integer, alter column import_id set default '"
                    + importId + "'");
        }
        return "copy " + table + " (line, commodity_id, measure, year, area, edition_id, value, unit, estimated, "
                + "lower_bound, note) from stdin (format text, freeze)";
    }

    /** The duplicate check's rows of a partition begun by {@link #startDirect}, as edition {@code number}. */
    static String directRows(int editionId, int number) {
        return "select line, commodity_id, measure, year, area, " + number + " from " + table(editionId);
    }

    /**
     * Builds edition {@code editionId}'s partition from the staged values numbered {@code staged} (see
     * {@link Staging#editions()}) and attaches it; returns the number of facts it holds.
     */
    static int build(Connection c, int editionId, int staged, UUID importId) throws SQLException {
        String table = create(c, editionId);
        int rows;
        try (PreparedStatement ps = c.prepareStatement("insert into " + table + """
                 (commodity_id, measure, year, area, edition_id, value, unit, estimated, lower_bound, note,
                 import_id, updated_at)
                select commodity_id, measure, year, area, ?, value, unit, estimated, lower_bound, note, ?, now()
                from import_stage where edition = ?
                """)) {
            ps.setInt(1, editionId);
            ps.setObject(2, importId);
            ps.setInt(3, staged);
            rows = ps.executeUpdate();
        }
        complete(c, editionId, false);
        return rows;
    }

    private static String table(int editionId) {
        return "statistic_e" + editionId;
    }

    private static String create(Connection c, int editionId) throws SQLException {
        String table = table(editionId);
        try (Statement s = c.createStatement()) {
            // the bound is checked row by row as the rows arrive, and spares attach its own scan of them
            s.execute("create table " + table + " (like statistic including defaults including constraints, "
                    + "constraint " + table + "_bound check (edition_id = " + editionId + "))");
        }
        return table;
    }

    /**
     * Adds the filled partition-to-be's primary key and foreign keys, attaches it and analyzes it;
     * {@code direct}: it was begun by {@link #startDirect}, whose column and default go first.
     */
    static void complete(Connection c, int editionId, boolean direct) throws SQLException {
        String table = table(editionId);
        try (Statement s = c.createStatement()) {
            if (direct) {
                s.execute("alter table " + table + " drop column line, alter column import_id drop default");
            }
            s.execute("alter table " + table + " add primary key (commodity_id, measure, year, area, edition_id)");
            s.execute("alter table " + table + " add foreign key (commodity_id) references commodity (id), "
                    + "add foreign key (edition_id) references edition (id), "
                    + "add foreign key (unit) references unit (code)");
            s.execute("alter table statistic attach partition " + table + " for values in (" + editionId + ")");
            s.execute("alter table " + table + " drop constraint " + table + "_bound"); // the bound says it now
            // statistics now, not when autovacuum comes by: without them the planner took the new partition for
            // 5,000 facts and the next import's comparison sorted it to disk (8 s instead of 2.5 s for a million)
            s.execute("analyze " + table);
        }
    }
}
