package org.mfs.minerals.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.mfs.minerals.Measure;
import org.mfs.minerals.config.MineralsConfig;
import org.mfs.minerals.events.StatisticsEvents;
import org.mfs.minerals.rest.ImportDtos.ImportFormat;
import org.mfs.minerals.rest.ImportDtos.ImportReport;
import org.mfs.minerals.rest.ImportDtos.Skip;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

/**
 * Imports statistics files, all or nothing: the file is parsed and checked while it streams into a staging
 * table through PostgreSQL COPY, then merged into {@code statistic} by one set-based upsert that only touches
 * values that differ. Any bad line rolls everything back and is reported as a problem naming the first bad lines.
 */
@ApplicationScoped
public class StatisticsImporter {

    static final int MAX_ERRORS = 20;
    static final int MAX_SKIPS_LISTED = 500;
    private static final long LOCK_KEY = 0x6d696e5f696d70L; // "min_imp": one import at a time

    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?|\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern USGS_SOURCE = Pattern.compile("(?i)MCS\\s*(\\d{4})");
    private static final Pattern YEAR_AT_END = Pattern.compile("(\\d{4})\\D*$");
    private static final Pattern ESTIMATED_YEAR = Pattern.compile("(?i)^estimated\\s+(\\d{4})\\.?$");
    private static final Pattern WITHHELD = Pattern.compile("(?i)^W(\\s|$).*");
    private static final Pattern USGS_VALUE_COLUMN = Pattern.compile("(PROD|CAP)_(EST_)?(\\d{4})|RESERVES_(\\d{4})");
    private static final Map<String, String> USGS_UNITS = Map.of(
            "metric tons", "t", "thousand metric tons", "kt", "million metric tons", "Mt", "kilograms", "kg");

    private static final String STAGE = """
            create temp table import_stage (
                line integer, commodity_id bigint, measure text, year smallint, area text, edition text,
                value numeric, unit text, estimated boolean, lower_bound boolean, note text) on commit drop
            """;

    private static final String DUPLICATES = """
            select array_agg(line order by line) from import_stage
            group by commodity_id, measure, year, area, edition having count(*) > 1
            order by min(line) limit 5
            """;

    private static final String UPSERT = """
            with up as (
                insert into statistic as t (commodity_id, measure, year, area, edition_id, value, unit, estimated,
                                            lower_bound, note, import_id, updated_at)
                select s.commodity_id, s.measure, s.year, s.area, e.id, s.value, s.unit, s.estimated, s.lower_bound,
                       s.note, ?, now()
                from import_stage s join edition e on e.code = s.edition
                on conflict (commodity_id, measure, year, area, edition_id) do update
                    set value = excluded.value, unit = excluded.unit, estimated = excluded.estimated,
                        lower_bound = excluded.lower_bound, note = excluded.note, import_id = excluded.import_id,
                        updated_at = excluded.updated_at
                    where (t.value, t.unit, t.estimated, t.lower_bound, t.note)
                          is distinct from (excluded.value, excluded.unit, excluded.estimated, excluded.lower_bound,
                                            excluded.note)
                returning (xmax = 0) as inserted)
            select count(*) filter (where inserted), count(*) filter (where not inserted) from up
            """;

    private final DataSource dataSource;
    private final StatisticsEvents events;
    private final ObjectMapper json;
    private final MineralsConfig config;

    public StatisticsImporter(DataSource dataSource, StatisticsEvents events, ObjectMapper json, MineralsConfig config) {
        this.dataSource = dataSource;
        this.events = events;
        this.json = json;
        this.config = config;
    }

    /**
     * Imports one file. {@code format} may be null: the header tells which format it is.
     *
     * @throws ProblemException 422 naming the first bad lines when the file cannot be imported; nothing is stored then
     */
    @Transactional
    @TransactionConfiguration(timeout = 1800)
    public ImportReport importFile(InputStream body, ImportFormat format) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        DigestInputStream digest = new DigestInputStream(body, sha);
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("select pg_advisory_xact_lock(" + LOCK_KEY + ")");
                s.execute("set local work_mem = '256MB'");
                s.execute(STAGE);
            }
            Catalogue catalogue = Catalogue.load(c);
            Parse parse = new Parse(catalogue);
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy import_stage from stdin (format text)");
            Staging staging = new Staging(copy);
            ImportFormat detected;
            try {
                CsvReader csv = new CsvReader(new BufferedReader(new InputStreamReader(digest, decoder), 1 << 16));
                detected = parse.run(csv, format, staging);
                staging.finish();
            } catch (CharacterCodingException e) {
                cancel(copy);
                throw invalid(List.of(new Problem.FieldError("line " + Math.max(1, parse.lastLine),
                        "the file is not UTF-8 text")));
            } catch (CsvReader.CsvSyntaxException e) {
                cancel(copy);
                parse.error(e.line, e.getMessage());
                throw invalid(parse.errors);
            } catch (RuntimeException | IOException e) {
                cancel(copy);
                throw e;
            }
            if (!parse.errors.isEmpty()) {
                throw invalid(parse.errors);
            }
            if (parse.rowsRead == 0) {
                throw invalid(List.of(new Problem.FieldError("line 2", "the file has a header but no data rows")));
            }
            checkDuplicates(c);
            ensureEditions(c, parse.editions);

            UUID importId = UUID.randomUUID();
            int inserted;
            int updated;
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setObject(1, importId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    inserted = rs.getInt(1);
                    updated = rs.getInt(2);
                }
            }
            int unchanged = parse.valuesRead - inserted - updated;
            boolean changed = inserted + updated > 0;
            ImportReport report = new ImportReport(changed ? importId : null, detected,
                    HexFormat.of().formatHex(sha.digest()), parse.rowsRead, parse.valuesRead, inserted, updated,
                    unchanged, parse.skipCount, List.copyOf(parse.skips), List.copyOf(parse.ignoredColumns),
                    List.copyOf(parse.editions.keySet()), List.copyOf(parse.commodities), changed,
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
            if (changed) {
                record(c, report);
                events.imported(report);
            }
            return report;
        } catch (SQLException e) {
            throw new IllegalStateException("import failed in the database: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ProblemException(400, "unreadable-body", "Request body cannot be read",
                    "the uploaded file could not be read: " + e.getMessage(), null);
        }
    }

    private static void cancel(CopyIn copy) {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction rolls back anyway
        }
    }

    static ProblemException invalid(List<Problem.FieldError> errors) {
        Problem.FieldError first = errors.get(0);
        String detail = (errors.size() == 1 ? "1 problem" : errors.size() + (errors.size() >= MAX_ERRORS ? "+" : "")
                + " problems") + "; first at " + first.field() + ": " + first.message() + ". Nothing was stored.";
        return new ProblemException(422, "invalid-import-file", "The file cannot be imported", detail, errors);
    }

    private void checkDuplicates(Connection c) throws SQLException {
        List<Problem.FieldError> errors = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DUPLICATES)) {
            while (rs.next()) {
                Integer[] lines = (Integer[]) rs.getArray(1).getArray();
                errors.add(new Problem.FieldError("line " + lines[1],
                        "the same value (commodity, country, year, measure, edition) is already given on line "
                                + lines[0]));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    private static void ensureEditions(Connection c, Map<String, Integer> editions) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into edition (code, published_year) values (?, ?) on conflict (code) do nothing")) {
            for (Map.Entry<String, Integer> e : editions.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setInt(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
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

    /** Commodity names, aliases and codes, and the known units, read once per import. */
    record Catalogue(Map<String, Long> byCode, Map<String, String> codeById, Map<String, Long> byName, Set<String> units) {

        static Catalogue load(Connection c) throws SQLException {
            Map<String, Long> byCode = new HashMap<>();
            Map<String, String> codeById = new HashMap<>();
            Map<String, Long> byName = new HashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select id, code, name, aliases from commodity")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    byCode.put(rs.getString(2), id);
                    codeById.put(Long.toString(id), rs.getString(2));
                    byName.put(nameKey(rs.getString(2)), id);
                    byName.put(nameKey(rs.getString(3)), id);
                    for (String alias : (String[]) rs.getArray(4).getArray()) {
                        byName.put(nameKey(alias), id);
                    }
                }
            }
            Set<String> units = new TreeSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select code from unit")) {
                while (rs.next()) {
                    units.add(rs.getString(1));
                }
            }
            return new Catalogue(byCode, codeById, byName, units);
        }

        static String nameKey(String s) {
            return s.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        }
    }

    /** Writes staged rows into the COPY stream in PostgreSQL's text format, in large chunks. */
    static final class Staging {
        private final CopyIn copy;
        private final StringBuilder sb = new StringBuilder(1 << 20);

        Staging(CopyIn copy) {
            this.copy = copy;
        }

        void add(int line, long commodityId, Measure measure, int year, String area, String edition, String value,
                String unit, boolean estimated, boolean lowerBound, String note) throws SQLException {
            sb.append(line).append('\t').append(commodityId).append('\t').append(measure.name()).append('\t')
                    .append(year).append('\t').append(area).append('\t');
            escape(edition);
            sb.append('\t').append(value).append('\t').append(unit).append('\t').append(estimated ? 't' : 'f')
                    .append('\t').append(lowerBound ? 't' : 'f').append('\t');
            if (note == null) {
                sb.append("\\N");
            } else {
                escape(note);
            }
            sb.append('\n');
            if (sb.length() > (1 << 20) - 4096) {
                flush();
            }
        }

        private void escape(String s) {
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

        private void flush() throws SQLException {
            if (sb.length() > 0) {
                byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                sb.setLength(0);
            }
        }

        void finish() throws SQLException {
            flush();
            copy.endCopy();
        }
    }

    /** The parsing state of one import: counts, skips, errors, editions and commodities met. */
    final class Parse {
        final Catalogue catalogue;
        final List<Problem.FieldError> errors = new ArrayList<>();
        final List<Skip> skips = new ArrayList<>();
        final List<String> ignoredColumns = new ArrayList<>();
        final Map<String, Integer> editions = new LinkedHashMap<>();
        final Set<String> commodities = new TreeSet<>();
        int skipCount;
        int rowsRead;
        int valuesRead;
        int lastLine;

        Parse(Catalogue catalogue) {
            this.catalogue = catalogue;
        }

        void error(int line, String message) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(new Problem.FieldError("line " + line, message));
            }
        }

        void skip(int line, String column, String value, String reason) {
            skipCount++;
            if (skips.size() < MAX_SKIPS_LISTED) {
                skips.add(new Skip(line, column, value, reason));
            }
        }

        boolean full() {
            return errors.size() >= MAX_ERRORS;
        }

        ImportFormat run(CsvReader csv, ImportFormat requested, Staging out)
                throws IOException, CsvReader.CsvSyntaxException, SQLException {
            List<String> header = csv.next();
            while (header != null && header.isEmpty()) {
                header = csv.next();
            }
            if (header == null) {
                throw invalid(List.of(new Problem.FieldError("line 1", "the file is empty; expected a CSV header")));
            }
            if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                header.set(0, header.get(0).substring(1));
            }
            int headerLine = csv.recordLine();
            ImportFormat detected = header.stream().anyMatch(h -> h.strip().equalsIgnoreCase("SOURCE"))
                    ? ImportFormat.USGS_MCS : ImportFormat.NORMALIZED;
            if (requested != null && requested != detected) {
                throw invalid(List.of(new Problem.FieldError("line " + headerLine, "format " + requested
                        + " was asked for but the header is that of " + detected + ": " + String.join(",", header))));
            }
            if (detected == ImportFormat.USGS_MCS) {
                new UsgsRows(this, header, headerLine).read(csv, out);
            } else {
                new NormalizedRows(this, header, headerLine).read(csv, out);
            }
            return detected;
        }

        /** Parses a number, or a lower bound such as {@code >90000000}; null when the cell is not a number. */
        String[] number(String cell) {
            String s = cell.strip();
            boolean lower = false;
            if (s.startsWith(">")) {
                lower = true;
                s = s.substring(1).strip();
            }
            if (!NUMBER.matcher(s).matches()) {
                return null;
            }
            return new String[] { s.replace(",", ""), lower ? "t" : "f" };
        }

        /** Why a non-numeric cell holds no value, or null when it is just wrong. */
        String nonValueReason(String cell) {
            String s = cell.strip();
            if (s.isEmpty()) {
                return "empty";
            }
            String upper = s.toUpperCase(Locale.ROOT);
            if (upper.equals("W")) {
                return "withheld (W) to protect company proprietary data";
            }
            if (upper.equals("NA") || upper.equals("N/A")) {
                return "not available (NA)";
            }
            if (upper.equals("XX")) {
                return "not applicable (XX)";
            }
            if (s.matches("[-\u2013\u2014]+")) {
                return "no value (" + s + ")";
            }
            if (upper.contains("INCLUDED IN WORLD TOTAL") || upper.contains("INCLUDED WITH")) {
                return "not reported separately: " + s;
            }
            return null;
        }
    }

    /** Rows of the USGS MCS World Data Release: one row per commodity, country and stage, several values each. */
    final class UsgsRows {
        private final Parse p;
        private final int width;
        private int source = -1, commodity = -1, country = -1, type = -1, unit = -1;
        private int prodNotes = -1, capNotes = -1, reserveNotes = -1;
        private final List<int[]> valueColumns = new ArrayList<>(); // {index, kind 0=prod 1=cap 2=reserves, year, est}
        private final List<String> names;

        UsgsRows(Parse p, List<String> header, int headerLine) {
            this.p = p;
            this.width = header.size();
            this.names = header.stream().map(String::strip).toList();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
                Matcher m = USGS_VALUE_COLUMN.matcher(name);
                switch (name) {
                    case "SOURCE" -> source = i;
                    case "COMMODITY" -> commodity = i;
                    case "COUNTRY" -> country = i;
                    case "TYPE" -> type = i;
                    case "UNIT_MEAS" -> unit = i;
                    case "PROD_NOTES" -> prodNotes = i;
                    case "CAP_NOTES" -> capNotes = i;
                    case "RESERVE_NOTES", "RESERVES_NOTES" -> reserveNotes = i;
                    default -> {
                        if (m.matches()) {
                            if (m.group(4) != null) {
                                valueColumns.add(new int[] { i, 2, Integer.parseInt(m.group(4)), 0 });
                            } else {
                                valueColumns.add(new int[] { i, m.group(1).equals("PROD") ? 0 : 1,
                                        Integer.parseInt(m.group(3)), m.group(2) != null ? 1 : 0 });
                            }
                        } else {
                            p.ignoredColumns.add(header.get(i).strip());
                        }
                    }
                }
            }
            List<String> missing = new ArrayList<>();
            if (source < 0) missing.add("SOURCE");
            if (commodity < 0) missing.add("COMMODITY");
            if (country < 0) missing.add("COUNTRY");
            if (type < 0) missing.add("TYPE");
            if (unit < 0) missing.add("UNIT_MEAS");
            if (valueColumns.isEmpty()) missing.add("PROD_<year> or RESERVES_<year>");
            if (!missing.isEmpty()) {
                throw invalid(List.of(new Problem.FieldError("line " + headerLine,
                        "the USGS header lacks column(s) " + String.join(", ", missing))));
            }
        }

        void read(CsvReader csv, Staging out) throws IOException, CsvReader.CsvSyntaxException, SQLException {
            List<String> row;
            while ((row = csv.next()) != null && !p.full()) {
                int line = csv.recordLine();
                p.lastLine = line;
                if (row.isEmpty() || (row.size() == 1 && row.get(0).isBlank())) {
                    continue;
                }
                p.rowsRead++;
                if (p.rowsRead > config.importing().maxRows()) {
                    p.error(line, "more than " + config.importing().maxRows() + " data rows; split the file");
                    return;
                }
                if (row.size() != width) {
                    p.error(line, "has " + row.size() + " fields, the header has " + width);
                    continue;
                }
                row(line, row, out);
            }
        }

        private void row(int line, List<String> row, Staging out) throws SQLException {
            int errorsBefore = p.errors.size();
            String src = row.get(source).strip();
            Matcher sm = USGS_SOURCE.matcher(src);
            String edition = null;
            if (sm.matches()) {
                int year = Integer.parseInt(sm.group(1));
                edition = "USGS MCS " + year;
                p.editions.putIfAbsent(edition, year);
            } else {
                p.error(line, "SOURCE '" + src + "' is not a USGS MCS edition such as MCS2025");
            }
            String commodityName = row.get(commodity).strip();
            Long commodityId = p.catalogue.byName().get(Catalogue.nameKey(commodityName));
            if (commodityId == null) {
                p.error(line, "COMMODITY '" + commodityName + "' is not in the catalogue (by name or alias); "
                        + "add it, or an alias, first");
            }
            String countryName = row.get(country);
            String area = CountryNames.resolve(countryName).orElse(null);
            if (area == null) {
                p.error(line, "COUNTRY '" + countryName.strip() + "' is not a known country name");
            }
            String typeText = row.get(type).strip().toLowerCase(Locale.ROOT);
            Measure production = typeText.contains("mine production") || typeText.startsWith("mine")
                    ? Measure.MINE_PRODUCTION
                    : typeText.contains("refinery production") || typeText.contains("smelter production")
                            ? Measure.REFINERY_PRODUCTION : null;
            if (production == null) {
                p.error(line, "TYPE '" + row.get(type).strip() + "' is neither mine nor refinery production");
            }
            String unitText = row.get(unit).strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            String unitCode = USGS_UNITS.get(unitText);
            if (unitCode == null && p.catalogue.units().contains(row.get(unit).strip())) {
                unitCode = row.get(unit).strip();
            }
            if (unitCode == null) {
                p.error(line, "UNIT_MEAS '" + row.get(unit).strip() + "' is not one of " + USGS_UNITS.keySet());
            }
            if (p.errors.size() > errorsBefore) {
                return;
            }
            p.commodities.add(p.catalogue.codeById().get(commodityId.toString()));
            boolean rowEstimated = typeText.contains("estimated");

            Notes prod = notes(prodNotes < 0 ? "" : row.get(prodNotes));
            Notes cap = notes(capNotes < 0 ? "" : row.get(capNotes));
            Notes res = notes(reserveNotes < 0 ? "" : row.get(reserveNotes));
            int values = 0;
            int skipsBefore = p.skipCount;
            for (int[] col : valueColumns) {
                String cell = row.get(col[0]);
                String colName = names.get(col[0]);
                Notes n = col[1] == 0 ? prod : col[1] == 1 ? cap : res;
                String[] num = p.number(cell);
                if (num == null) {
                    String reason = p.nonValueReason(cell);
                    if (reason == null) {
                        p.error(line, colName + " '" + cell.strip() + "' is not a number, W, NA or a lower bound");
                    } else if (!reason.equals("empty")) {
                        p.skip(line, colName, cell.strip(), reason);
                    } else if (n.reason != null) {
                        p.skip(line, colName, "", n.reason);
                    }
                    continue;
                }
                Measure measure = col[1] == 0 ? production
                        : col[1] == 2 ? Measure.RESERVES
                        : production == Measure.MINE_PRODUCTION ? Measure.MINE_CAPACITY : Measure.REFINERY_CAPACITY;
                int year = col[2];
                boolean estimated = col[3] == 1 || (col[1] == 0 && (rowEstimated || n.estimatedYears.contains(year)));
                values++;
                p.valuesRead++;
                out.add(line, commodityId, measure, year, area, edition, num[0], unitCode, estimated,
                        num[1].equals("t"), n.note);
            }
            if (values == 0 && p.skipCount == skipsBefore) {
                p.skip(line, null, null, "no value in any column");
            }
        }

        private Notes notes(String text) {
            String s = text.strip();
            Notes n = new Notes();
            if (s.isEmpty()) {
                return n;
            }
            Matcher est = ESTIMATED_YEAR.matcher(s);
            if (est.matches()) {
                n.estimatedYears.add(Integer.parseInt(est.group(1)));
            } else if (WITHHELD.matcher(s).matches()) {
                n.reason = "withheld (" + s + ") to protect company proprietary data";
            } else if (s.equalsIgnoreCase("NA")) {
                n.reason = "not available (NA)";
            } else if (s.toUpperCase(Locale.ROOT).contains("INCLUDED IN WORLD TOTAL")) {
                n.reason = "not reported separately: " + s;
            } else {
                n.note = s;
            }
            return n;
        }
    }

    static final class Notes {
        final Set<Integer> estimatedYears = new TreeSet<>();
        String reason;
        String note;
    }

    /** Rows of the normalized format: one value per row. */
    final class NormalizedRows {
        static final List<String> REQUIRED = List.of("commodity", "country", "year", "measure", "value", "unit", "edition");
        static final List<String> OPTIONAL = List.of("estimated", "note");
        private final Parse p;
        private final int width;
        private final Map<String, Integer> col = new HashMap<>();
        private final Map<String, Integer> editionYears = new HashMap<>();

        NormalizedRows(Parse p, List<String> header, int headerLine) {
            this.p = p;
            this.width = header.size();
            List<String> unknown = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip().toLowerCase(Locale.ROOT);
                if (REQUIRED.contains(name) || OPTIONAL.contains(name)) {
                    if (col.put(name, i) != null) {
                        unknown.add(name + " (twice)");
                    }
                } else {
                    unknown.add(header.get(i).strip());
                }
            }
            List<String> missing = REQUIRED.stream().filter(r -> !col.containsKey(r)).toList();
            if (!missing.isEmpty() || !unknown.isEmpty()) {
                throw invalid(List.of(new Problem.FieldError("line " + headerLine,
                        "the normalized header must have columns " + REQUIRED + " and may have " + OPTIONAL
                                + (missing.isEmpty() ? "" : "; missing " + missing)
                                + (unknown.isEmpty() ? "" : "; unknown " + unknown))));
            }
        }

        void read(CsvReader csv, Staging out) throws IOException, CsvReader.CsvSyntaxException, SQLException {
            List<String> row;
            int max = config.importing().maxRows();
            int iCommodity = col.get("commodity"), iCountry = col.get("country"), iYear = col.get("year"),
                    iMeasure = col.get("measure"), iValue = col.get("value"), iUnit = col.get("unit"),
                    iEdition = col.get("edition");
            int iEstimated = col.getOrDefault("estimated", -1), iNote = col.getOrDefault("note", -1);
            Set<String> measures = new TreeSet<>();
            for (Measure m : Measure.values()) {
                measures.add(m.name());
            }
            while ((row = csv.next()) != null && !p.full()) {
                int line = csv.recordLine();
                p.lastLine = line;
                if (row.isEmpty() || (row.size() == 1 && row.get(0).isBlank())) {
                    continue;
                }
                p.rowsRead++;
                if (p.rowsRead > max) {
                    p.error(line, "more than " + max + " data rows; split the file");
                    return;
                }
                if (row.size() != width) {
                    p.error(line, "has " + row.size() + " fields, the header has " + width);
                    continue;
                }
                int errorsBefore = p.errors.size();
                String code = row.get(iCommodity).strip();
                Long commodityId = p.catalogue.byCode().get(code);
                if (commodityId == null) {
                    p.error(line, "commodity '" + code + "' is not a catalogue code such as cobalt");
                }
                String area = row.get(iCountry).strip();
                if (!CountryNames.isArea(area)) {
                    p.error(line, "country '" + area + "' is not an ISO 3166-1 alpha-2 code, WORLD or ROW");
                }
                int year = 0;
                String yearText = row.get(iYear).strip();
                if (yearText.length() == 4 && yearText.chars().allMatch(Character::isDigit)) {
                    year = Integer.parseInt(yearText);
                }
                if (year < 1900 || year > 2200) {
                    p.error(line, "year '" + yearText + "' is not a year between 1900 and 2200");
                }
                String measure = row.get(iMeasure).strip();
                if (!measures.contains(measure)) {
                    p.error(line, "measure '" + measure + "' is not one of " + measures);
                }
                String unitCode = row.get(iUnit).strip();
                if (!p.catalogue.units().contains(unitCode)) {
                    p.error(line, "unit '" + unitCode + "' is not one of " + p.catalogue.units());
                }
                String edition = row.get(iEdition).strip();
                Integer editionYear = editionYears.get(edition);
                if (editionYear == null) {
                    Matcher m = YEAR_AT_END.matcher(edition);
                    if (edition.length() > 100 || !m.find()) {
                        p.error(line, "edition '" + edition + "' must name its publication year, e.g. 'USGS MCS 2024'");
                    } else {
                        editionYear = Integer.parseInt(m.group(1));
                        editionYears.put(edition, editionYear);
                    }
                }
                boolean estimated = false;
                if (iEstimated >= 0) {
                    String e = row.get(iEstimated).strip().toLowerCase(Locale.ROOT);
                    if (e.equals("true")) {
                        estimated = true;
                    } else if (!e.isEmpty() && !e.equals("false")) {
                        p.error(line, "estimated '" + e + "' must be true, false or empty");
                    }
                }
                String note = iNote < 0 || row.get(iNote).isBlank() ? null : row.get(iNote).strip();
                if (note != null && note.length() > 2000) {
                    p.error(line, "note is longer than 2000 characters");
                }
                String cell = row.get(iValue);
                String[] num = p.number(cell);
                String reason = null;
                if (num == null) {
                    reason = p.nonValueReason(cell);
                    if (reason == null) {
                        p.error(line, "value '" + cell.strip() + "' is not a number, W, NA or a lower bound such as >100");
                    }
                }
                if (p.errors.size() > errorsBefore) {
                    continue;
                }
                p.editions.putIfAbsent(edition, editionYear);
                p.commodities.add(code);
                if (num == null) {
                    p.skip(line, "value", cell.strip(), reason);
                    continue;
                }
                p.valuesRead++;
                out.add(line, commodityId, Measure.valueOf(measure), year, area, edition, num[0], unitCode, estimated,
                        num[1].equals("t"), note);
            }
        }
    }
}
