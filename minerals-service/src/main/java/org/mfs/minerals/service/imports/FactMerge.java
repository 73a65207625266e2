package org.mfs.minerals.service.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The staged values of the editions that already have facts, merged into their partitions: the difference with the
 * stored facts by one join, then one upsert of only what is new or differs (ADR 0103). A new edition's values take
 * {@link EditionPartitions} instead.
 */
final class FactMerge {

    /** Staged values from which the difference is computed by one hash join, whatever the planner estimates. */
    private static final long MANY = 10_000;

    /**
     * The difference between the file and the stored facts: the staged values that are new or differ (a hash join
     * against the stored facts on the fact key). A plain statement over two regular tables, so PostgreSQL runs it
     * with parallel workers (a Parallel Hash Left Join); an {@code insert ... select} never runs in parallel, hence
     * the temporary table in between. A re-import that changes nothing ends here: nothing to write, not even a row
     * lock per value. {@code %1$s} is the array of the edition ids by their number in the file (see
     * {@link Staging#editions()}), {@code %2$s} the numbers of the editions not merged (a new edition's partition
     * is built from the staging table instead, {@link EditionPartitions}) and {@code %3$s} the ids of those merged,
     * so that only their partitions are read. Both filters are written so that the planner still expects most of the
     * staged rows: with {@code s.edition = any (merged)} on a table without statistics it expected 0.1 % of them
     * and chose a nested loop of a million index lookups, twice as slow.
     */
    private static final String DIFF = """
            create temp table import_diff on commit drop as
            select s.commodity_id, s.measure, s.year, s.area, (%1$s)[s.edition] as edition_id, s.value, s.unit,
                   s.estimated, s.lower_bound, s.note, o.commodity_id is null as is_new
            from import_stage s
            left join statistic o on o.commodity_id = s.commodity_id and o.measure = s.measure
                                 and o.year = s.year and o.area = s.area and o.edition_id = (%1$s)[s.edition]
                                 and o.edition_id = any (%3$s)
            where s.edition <> all (%2$s)
              and (o.commodity_id is null
                   or (o.value, o.unit, o.estimated, o.lower_bound, o.note)
                      is distinct from (s.value, s.unit, s.estimated, s.lower_bound, s.note))
            """;

    /**
     * The merge of the difference. The {@code on conflict ... where distinct} stays as the guard for a fact written
     * since the difference was computed. Which rows were new is told by the difference ({@code is_new}): a
     * partitioned table cannot return {@code xmax}, which told it before (an import holds the import lock, and
     * nothing else writes facts, so no fact can appear in between).
     */
    private static final String UPSERT = """
            insert into statistic as t (commodity_id, measure, year, area, edition_id, value, unit, estimated,
                                        lower_bound, note, import_id, updated_at)
            select commodity_id, measure, year, area, edition_id, value, unit, estimated, lower_bound, note, ?, now()
            from import_diff
            on conflict (commodity_id, measure, year, area, edition_id) do update
                set value = excluded.value, unit = excluded.unit, estimated = excluded.estimated,
                    lower_bound = excluded.lower_bound, note = excluded.note, import_id = excluded.import_id,
                    updated_at = excluded.updated_at
                where (t.value, t.unit, t.estimated, t.lower_bound, t.note)
                      is distinct from (excluded.value, excluded.unit, excluded.estimated, excluded.lower_bound,
                                        excluded.note)
            """;

    /** What the merge wrote. */
    record Counts(int inserted, int updated) {
    }

    private FactMerge() {
    }

    /**
     * Merges the staged values of the editions {@code merged} (ids); {@code editionIds} are all the file's editions
     * by their number in the staging table, {@code built} the numbers of those whose partition was built instead.
     */
    static Counts merge(Connection c, List<Integer> editionIds, List<Integer> built, List<Integer> merged, long staged,
            UUID importId) throws SQLException {
        if (merged.isEmpty()) {
            return new Counts(0, 0);
        }
        int different;
        try (Statement s = c.createStatement()) {
            // the planner cannot know how few staged values differ and prices moving all of them out of the
            // workers; without this it keeps the join serial (1.3-1.8x slower on a million values, ADR 0103)
            s.execute("set local parallel_tuple_cost = 0.001");
            if (staged >= MANY) {
                // one hash join: the staging table has no statistics (ADR 0103: analyzing it cost more than it
                // saved) and the partition it is compared with has; for a million values the planner then chose
                // a million index lookups into the partition (2.2-2.3 s), or a merge join sorting the staged
                // rows to disk (4 s), over the hash join of the two (about 1.3 s). A few corrections keep their
                // index lookups instead of a scan of the whole partition.
                s.execute("set local enable_nestloop = off");
                s.execute("set local enable_mergejoin = off");
            }
            different = s.executeUpdate(DIFF.formatted(idArray(editionIds), idArray(built), idArray(merged)));
        }
        if (different == 0) {
            return new Counts(0, 0);
        }
        int written;
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setObject(1, importId);
            written = ps.executeUpdate();
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) filter (where is_new) from import_diff")) {
            rs.next();
            return new Counts(rs.getInt(1), written - rs.getInt(1));
        }
    }

    /** The literal {@code '{id,...}'::int[]}. */
    private static String idArray(List<Integer> ids) {
        StringJoiner literal = new StringJoiner(",", "'{", "}'::int[]");
        ids.forEach(id -> literal.add(id.toString()));
        return literal.toString();
    }
}
