package org.mfs.minerals.service.imports;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mfs.minerals.Measure;
import org.postgresql.copy.CopyIn;

/**
 * Writes parsed values into the COPY stream of the import's staging table in PostgreSQL's text format, in chunks
 * of about 256 KB handed to a writer thread ({@link CopyPipe}: the parser goes on while PostgreSQL ingests, at most a
 * few chunks queued): what a parser has read is in the database, not in memory (but for an 8-byte key per value,
 * with which {@link DuplicateKeys} tells whether the file gives a fact twice).
 * <p>
 * The staging table {@code import_stage} is a regular unlogged table (migration V4), empty outside an import: each
 * import truncates it inside its transaction (under the import lock), fills it with {@code COPY ... (freeze)} and
 * truncates it again before committing; a rollback restores the empty table and a crash empties an unlogged table.
 * <p>
 * The COPY is opened at the first value, once its edition is known. When that edition has no facts yet, the values
 * go straight into its new partition ({@link Targets#direct}, ADR 0103), which spares writing them twice; at the
 * first value of another edition that COPY ends and every later value goes to the staging table.
 */
public final class Staging {

    /** Empties the staging table; in the import's transaction, so a rollback gives back the (empty) table it had. */
    public static final String TRUNCATE = "truncate import_stage";
    /** Frozen rows: the table was truncated in this transaction, so no other transaction can see them anyway. */
    public static final String COPY = "copy import_stage from stdin (format text, freeze)";
    /**
     * 256 KB: under half of G1's smallest region (1 MB), so a chunk's text and bytes are ordinary young objects. With
     * 1 MB chunks every chunk made two "humongous" objects, and each started a collection (ADR 0103, 2026-11-30).
     */
    private static final int CHUNK = 1 << 18;

    /** Where the values are COPYed. */
    public interface Targets {
        /**
         * Opens a COPY into the new partition of {@code edition}, in the staging table's column order with the
         * edition's id in place of its number, if the edition has no facts yet; else null.
         */
        Direct direct(String edition) throws SQLException;

        /** Opens the COPY into the staging table ({@link #COPY}). */
        CopyIn staging() throws SQLException;
    }

    /** A COPY into a new edition's partition; {@code rows} is known once it has ended. */
    public static final class Direct {
        public final int editionId;
        private final CopyIn copy;
        private long rows;

        public Direct(int editionId, CopyIn copy) {
            this.editionId = editionId;
            this.copy = copy;
        }

        public long rows() {
            return rows;
        }
    }

    private final Targets targets;
    private CopyIn copy; // null until the first value
    private CopyPipe pipe;
    private Direct direct; // the first edition's COPY into its new partition, if it had no facts
    private boolean directEnded;
    private final StringBuilder sb = new StringBuilder(CHUNK + 8192); // a row with a long note fits without growing
    private final DuplicateKeys keys = new DuplicateKeys();
    private final Map<String, Integer> editions = new LinkedHashMap<>();

    public Staging(Targets targets) {
        this.targets = targets;
    }

    /** One value of the file. */
    public record Value(int line, long commodityId, Measure measure, int year, String area, String edition,
            ImportState.Num number, String unit, boolean estimated, String note) {
    }

    public void add(Value v) throws SQLException {
        keys.add(v.commodityId(), v.measure(), v.year(), v.area(), v.edition());
        Integer edition = editions.get(v.edition());
        if (edition == null) {
            edition = editions.size() + 1;
            editions.put(v.edition(), edition);
        }
        if (copy == null) {
            direct = targets.direct(v.edition());
            open(direct != null ? direct.copy : targets.staging());
        } else if (direct != null && !directEnded && edition != 1) {
            directEnded = true;
            end();
            open(targets.staging());
        }
        int editionColumn = direct != null && !directEnded ? direct.editionId : edition;
        sb.append(v.line()).append('\t').append(v.commodityId()).append('\t').append(v.measure().name()).append('\t')
                .append(v.year()).append('\t').append(v.area()).append('\t').append(editionColumn).append('\t')
                .append(v.number().text()).append('\t').append(v.unit()).append('\t')
                .append(v.estimated() ? 't' : 'f').append('\t').append(v.number().lowerBound() ? 't' : 'f').append('\t');
        if (v.note() == null) {
            sb.append("\\N");
        } else {
            escape(v.note());
        }
        sb.append('\n');
        if (sb.length() > CHUNK - 4096) {
            flush();
        }
    }

    private void escape(String s) {
        if (plain(s)) {
            sb.append(s);
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
    }

    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * The editions of the staged values in the order of their number in the {@code edition} column (1, 2, ...):
     * the staging table holds that number rather than the edition's code (a smaller COPY, and no join on text to
     * find the edition's id); at most {@link ImportState#MAX_EDITIONS}, as the parsers refuse more.
     */
    public List<String> editions() {
        return List.copyOf(editions.keySet());
    }

    private void open(CopyIn c) {
        copy = c;
        pipe = new CopyPipe(c);
    }

    /** Sends what is buffered, waits until it is written and ends the COPY. */
    private void end() throws SQLException {
        flush();
        pipe.finish();
        long rows = copy.endCopy();
        if (direct != null && copy == direct.copy) {
            direct.rows = rows;
        }
    }

    /** The COPY into the first edition's new partition, if there was one; null otherwise. */
    public Direct direct() {
        return direct;
    }

    private void flush() throws SQLException {
        if (sb.length() > 0) {
            pipe.send(sb.toString().getBytes(StandardCharsets.UTF_8));
            sb.setLength(0);
        }
    }

    /**
     * True when no fact (commodity, measure, year, area, edition) was staged twice; false when one was or when that
     * could not be told in memory: the database must then be asked (it names the lines).
     */
    public boolean certainlyNoDuplicates() {
        return keys.certainlyNone();
    }

    public void finish() throws SQLException {
        if (copy != null) {
            end();
        }
    }

    /**
     * Stops the writer thread (waiting for it) and ends an unfinished COPY so the connection can roll back and go
     * back to the pool; never throws.
     */
    public void cancel() {
        if (copy == null) {
            return;
        }
        pipe.close();
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (Throwable ignored) {
            // the connection is then closed by the pool; the transaction rolls back anyway
        }
    }
}
