package org.mfs.minerals.service.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.mfs.minerals.config.MineralsConfig;
import org.mfs.minerals.events.StatisticsEvents;
import org.mfs.minerals.rest.ImportDtos.ImportReport;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

/**
 * One import as one database transaction, all or nothing: takes the import lock (waiting at most
 * {@code lock-wait}), streams the parsed values through COPY into the (unlogged, otherwise empty) staging table,
 * rejects duplicates (told in memory, named by the database), builds the partition of each edition that has no facts
 * yet from the staged values ({@link EditionPartitions}), and for the other editions computes the values that are
 * new or differ with one parallel join and upserts only those; records the import and its event (only when
 * something changed).
 * Every statement runs under {@code statement_timeout = max-duration}, so a stuck import is cancelled by
 * PostgreSQL and its lock and connection are released; the COPY is cancelled whatever the failure.
 */
@ApplicationScoped
public class ImportTransaction {

    private static final long LOCK_KEY = 0x6d696e5f696d70L; // "min_imp": one import at a time, across instances
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String QUERY_CANCELED = "57014";
    private static final String DUPLICATES = """
            select array_agg(line order by line)
            from (select line, commodity_id, measure, year, area, edition from import_stage%s) v
            group by commodity_id, measure, year, area, edition having count(*) > 1
            order by min(line) limit 5
            """;

    private final DataSource dataSource;
    private final StatisticsEvents events;
    private final ObjectMapper json;
    private final MineralsConfig config;

    public ImportTransaction(DataSource dataSource, StatisticsEvents events, ObjectMapper json, MineralsConfig config) {
        this.dataSource = dataSource;
        this.events = events;
        this.json = json;
        this.config = config;
    }

    /**
     * Imports the file read from {@code body} (whose bytes {@code sha} digests as they are read).
     *
     * @throws ProblemException 422 naming the first bad lines, 429 when another instance's import holds the lock
     *                          past {@code lock-wait}, 408 past {@code max-duration}; nothing is stored then
     */
    @Transactional
    @TransactionConfiguration(timeout = 3600)
    public ImportReport run(InputStream body, MessageDigest sha, ImportOptions options) {
        MineralsConfig.Import limits = config.importing();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("set local statement_timeout = " + limits.maxDuration().toMillis());
                s.execute("set local lock_timeout = " + Math.max(1, limits.lockWait().toMillis()));
                s.execute("set local idle_in_transaction_session_timeout = " + limits.maxDuration().toMillis());
                lock(s, limits);
                s.execute("set local work_mem = '64MB'");
                // no JIT compilation: the import's statements are priced far above jit_*_above_cost, and compiling
                // them (inlining, optimization) took 0.6 s of a 1.3 s comparison of a million values, in every
                // parallel worker (ADR 0103)
                s.execute("set local jit = off");
                s.execute(Staging.TRUNCATE);
            }
            ImportState state = new ImportState(Catalogue.load(c), limits.maxRows());
            UUID importId = UUID.randomUUID();
            Staging staging = new Staging(targets(c, state, importId));
            LayoutParser parser;
            try {
                CsvReader csv = new CsvReader(new BufferedReader(new InputStreamReader(body, decoder), 1 << 16),
                        limits.maxFieldChars(), limits.maxLineChars());
                parser = parse(csv, options, state, staging);
                staging.finish();
            } catch (CharacterCodingException e) {
                throw ImportState.invalid(Math.max(1, state.lastLine), "the file is not UTF-8 text");
            } catch (CsvReader.CsvSyntaxException e) {
                state.error(e.line, e.getMessage());
                throw ImportState.invalid(state.errors);
            } finally {
                staging.cancel(); // a no-op after finish(); otherwise frees the connection, even after an Error
            }
            if (!state.errors.isEmpty()) {
                throw ImportState.invalid(state.errors);
            }
            if (state.rowsRead == 0) {
                throw ImportState.invalid(2, "the file has a header but no data rows");
            }
            Staging.Direct direct = staging.direct();
            if (!staging.certainlyNoDuplicates()) {
                checkDuplicates(c, direct == null ? ""
                        : " union all " + EditionPartitions.directRows(direct.editionId, 1));
            }
            List<Integer> editionIds = ensureEditions(c, state.editions, staging.editions());
            if (direct != null) {
                EditionPartitions.complete(c, direct.editionId, true);
            }
            int intoPartition = direct == null ? 0 : (int) direct.rows();
            return merge(c, parser, state, sha, editionIds, importId, intoPartition, state.valuesRead - intoPartition);
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) {
                throw UploadLimit.tooSlow(limits.maxDuration());
            }
            throw new IllegalStateException("import failed in the database: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ProblemException(400, "unreadable-body", "Request body cannot be read",
                    "the uploaded file could not be read: " + e.getMessage(), null);
        }
    }

    private static void lock(Statement s, MineralsConfig.Import limits) throws SQLException {
        try {
            s.execute("select pg_advisory_xact_lock(" + LOCK_KEY + ")");
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new ImportRefused("another import has been running for longer than " + limits.lockWait().toSeconds()
                        + " s; retry later. Nothing was stored.", limits.retryAfter());
            }
            throw e;
        }
    }

    /**
     * The first value's edition decides where the COPY goes: into that edition's new partition if it has no facts
     * yet (then the edition is created now, not after the parse), else into the staging table.
     */
    private static Staging.Targets targets(Connection c, ImportState state, UUID importId) throws SQLException {
        CopyManager copies = c.unwrap(PGConnection.class).getCopyAPI();
        return new Staging.Targets() {
            @Override
            public Staging.Direct direct(String edition) throws SQLException {
                int id = ensureEditions(c, Map.of(edition, state.editions.get(edition)), List.of(edition)).get(0);
                if (EditionPartitions.without(c, List.of(id)).isEmpty()) {
                    return null;
                }
                return new Staging.Direct(id, copies.copyIn(EditionPartitions.startDirect(c, id, importId)));
            }

            @Override
            public CopyIn staging() throws SQLException {
                return copies.copyIn(Staging.COPY);
            }
        };
    }

    private static LayoutParser parse(CsvReader csv, ImportOptions options, ImportState state, Staging staging)
            throws IOException, CsvReader.CsvSyntaxException, SQLException {
        List<String> header = csv.next();
        while (header != null && header.isEmpty()) {
            header = csv.next();
        }
        if (header == null) {
            throw ImportState.invalid(1, "the file is empty; expected a CSV header");
        }
        if (header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1));
        }
        LayoutParser parser = LayoutParser.forHeader(header, csv.recordLine(), options, state);
        parser.read(csv, staging);
        return parser;
    }

    /**
     * Stores the staged values: a new edition's as its own new partition, the others' by the difference and the
     * upsert.
     */
    private ImportReport merge(Connection c, LayoutParser parser, ImportState state, MessageDigest sha,
            List<Integer> editionIds, UUID importId, int inserted, long staged) throws SQLException {
        Set<Integer> fresh = EditionPartitions.without(c, editionIds);
        List<Integer> built = new ArrayList<>();
        List<Integer> merged = new ArrayList<>();
        for (int number = 1; number <= editionIds.size(); number++) {
            Integer id = editionIds.get(number - 1);
            if (fresh.contains(id)) {
                inserted += EditionPartitions.build(c, id, number, importId);
                built.add(number);
            } else {
                merged.add(id);
            }
        }
        FactMerge.Counts counts = FactMerge.merge(c, editionIds, built, merged, staged, importId);
        try (Statement s = c.createStatement()) {
            s.execute(Staging.TRUNCATE); // empty again once this transaction commits
        }
        inserted += counts.inserted();
        int updated = counts.updated();
        int unchanged = state.valuesRead - inserted - updated;
        boolean changed = inserted + updated > 0;
        ImportReport report = new ImportReport(changed ? importId : null, parser.format(),
                HexFormat.of().formatHex(sha.digest()), state.rowsRead, state.valuesRead, inserted, updated,
                unchanged, state.skipCount, List.copyOf(state.skips), List.copyOf(state.ignoredColumns),
                List.copyOf(state.editions.keySet()), List.copyOf(state.commodities), changed,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        if (changed) {
            record(c, report);
            events.imported(report);
        }
        return report;
    }

    /** {@code alsoFrom}: a {@code union all} of the rows COPYed straight into a new partition, or empty. */
    private static void checkDuplicates(Connection c, String alsoFrom) throws SQLException {
        List<Problem.FieldError> errors = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DUPLICATES.formatted(alsoFrom))) {
            while (rs.next()) {
                Integer[] lines = (Integer[]) rs.getArray(1).getArray();
                errors.add(new Problem.FieldError("line " + lines[1],
                        "the same value (commodity, country, year, measure, edition) is already given on line "
                                + lines[0]));
            }
        }
        if (!errors.isEmpty()) {
            throw ImportState.invalid(errors);
        }
    }

    /**
     * Creates the editions the file names that do not exist yet; returns the ids of {@code staged} (the editions in
     * the order of their number in the staging table).
     */
    private static List<Integer> ensureEditions(Connection c, Map<String, Integer> editions, List<String> staged)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into edition (code, published_year) values (?, ?) on conflict (code) do nothing")) {
            for (Map.Entry<String, Integer> e : editions.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setInt(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Map<String, Integer> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select code, id from edition where code = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", staged.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        List<Integer> result = new ArrayList<>(staged.size());
        for (String code : staged) {
            Integer id = ids.get(code);
            if (id == null) { // cannot be: a parser stages a value only after ImportState.edition() accepted it
                throw new IllegalStateException("edition '" + code + "' was staged but not created");
            }
            result.add(id);
        }
        return result;
    }

    private void record(Connection c, ImportReport r) throws SQLException {
        String reportJson;
        try {
            reportJson = json.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into statistic_import (id, format, sha256, rows_read, values_read, inserted, updated, unchanged,
                                              skipped, report, editions, commodities, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)
                """)) {
            ps.setObject(1, r.importId());
            ps.setString(2, r.format().name());
            ps.setString(3, r.sha256());
            ps.setInt(4, r.rowsRead());
            ps.setInt(5, r.valuesRead());
            ps.setInt(6, r.inserted());
            ps.setInt(7, r.updated());
            ps.setInt(8, r.unchanged());
            ps.setInt(9, r.skippedCount());
            ps.setString(10, reportJson);
            ps.setArray(11, c.createArrayOf("text", r.editions().toArray()));
            ps.setArray(12, c.createArrayOf("text", r.commodities().toArray()));
            ps.setObject(13, java.sql.Timestamp.from(r.importedAt()));
            ps.executeUpdate();
        }
    }
}
