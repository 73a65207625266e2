package org.mfs.minerals.service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.platform.api.PageParams;
import org.mfs.minerals.Measure;
import org.mfs.minerals.rest.ImportDtos.ImportPage;
import org.mfs.minerals.rest.ImportDtos.ImportReport;
import org.mfs.minerals.rest.StatisticDtos.EditionPage;
import org.mfs.minerals.rest.StatisticDtos.EditionView;
import org.mfs.minerals.rest.StatisticDtos.History;
import org.mfs.minerals.rest.StatisticDtos.Revision;
import org.mfs.minerals.rest.StatisticDtos.StatisticPage;
import org.mfs.minerals.rest.StatisticDtos.StatisticView;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.sql.SqlQueries;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads of statistics, their editions, history and imports (SQL in PostgreSQL). */
@ApplicationScoped
public class StatisticsService {

    private static final Map<String, String> SORTS = Map.of("commodity", "commodity", "country", "country",
            "year", "year", "measure", "measure", "value", "value", "edition", "edition_year");

    private final SqlQueries sql;
    private final ObjectMapper json;

    public StatisticsService(SqlQueries sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    /** The commodity's internal id, or 404. */
    public long commodityId(String code) {
        return sql.one("select id from commodity where code = ?", List.of(code), rs -> rs.getLong(1))
                .orElseThrow(() -> ProblemException.notFound("commodity", code));
    }

    /** Fails with 404 unless the edition exists. */
    public void requireEdition(String edition) {
        if (edition != null && sql.count("select count(*) from edition where code = ?", List.of(edition)) == 0) {
            throw ProblemException.notFound("edition", edition);
        }
    }

    public StatisticPage list(String commodity, String country, Integer year, Integer fromYear, Integer toYear,
            Measure measure, String edition, Boolean estimated, String sort, int page, int size) {
        SqlQueries.Where w = new SqlQueries.Where();
        if (commodity != null) {
            w.and("s.commodity_id = ?", commodityId(commodity));
        }
        if (country != null) {
            w.and("s.area = ?", country);
        } else {
            // WORLD and ROW are totals, not countries: listed only when asked for by name
            w.and("s.area not in ('WORLD', 'ROW')");
        }
        if (year != null) {
            w.and("s.year = ?", year);
        }
        if (fromYear != null) {
            w.and("s.year >= ?", fromYear);
        }
        if (toYear != null) {
            w.and("s.year <= ?", toYear);
        }
        if (measure != null) {
            w.and("s.measure = ?", measure.name());
        }
        if (edition != null) {
            requireEdition(edition);
            w.and("e.code = ?", edition);
        }
        if (estimated != null) {
            w.and("s.estimated = ?", estimated);
        }
        String where = w.sql() + (edition == null ? Figures.NEWEST_EDITION_OF_THE_YEAR : "");
        String current = """
                select distinct on (s.commodity_id, s.measure, s.year, s.area)
                       c.code as commodity, s.area as country, s.year, s.measure, s.value, s.unit, s.estimated,
                       s.lower_bound, e.code as edition, e.published_year as edition_year, s.note
                from statistic s join commodity c on c.id = s.commodity_id join edition e on e.id = s.edition_id
                where %s
                order by s.commodity_id, s.measure, s.year, s.area, e.published_year desc, e.id desc
                """.formatted(where);
        String order = SqlQueries.orderBy(sort, SORTS, "commodity,measure,-year,-value", "country");
        List<StatisticView> items = sql.list("select * from (" + current + ") x" + order + " limit ? offset ?",
                w.params(size, PageParams.offset(page, size)), StatisticsService::statistic);
        long total = sql.count("select count(*) from (" + current + ") x", w.params());
        return new StatisticPage(items, page, size, total);
    }

    static StatisticView statistic(ResultSet rs) throws SQLException {
        String area = rs.getString("country");
        return new StatisticView(rs.getString("commodity"), area, CountryNames.displayName(area), rs.getInt("year"),
                Measure.valueOf(rs.getString("measure")), Decimals.strip(rs.getBigDecimal("value")),
                rs.getString("unit"), rs.getBoolean("estimated"), rs.getBoolean("lower_bound"), rs.getString("edition"),
                rs.getString("note"));
    }

    public History history(String commodity, String country, int year, Measure measure) {
        long id = commodityId(commodity);
        List<Revision> revisions = sql.list("""
                select * from (
                    select e.code, e.published_year, s.value, s.unit, s.estimated, s.lower_bound, s.note,
                           'EDITION' as kind, null::timestamptz as replaced_at, e.id as edition_id,
                           row_number() over (order by e.published_year desc, e.id desc) = 1 as current
                    from statistic s join edition e on e.id = s.edition_id
                    where s.commodity_id = ? and s.area = ? and s.year = ? and s.measure = ?
                    union all
                    select e.code, e.published_year, h.value, h.unit, h.estimated, h.lower_bound, h.note,
                           'CORRECTION', h.replaced_at, e.id, false
                    from statistic_change h join edition e on e.id = h.edition_id
                    where h.commodity_id = ? and h.area = ? and h.year = ? and h.measure = ?) r
                order by published_year desc, edition_id desc, replaced_at desc nulls first
                """, List.of(id, country, year, measure.name(), id, country, year, measure.name()),
                rs -> new Revision(rs.getString(1), rs.getInt(2), Decimals.strip(rs.getBigDecimal(3)),
                        rs.getString(4), rs.getBoolean(5), rs.getBoolean(6), rs.getString(7), rs.getString(8),
                        rs.getBoolean("current"),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()));
        if (revisions.isEmpty()) {
            throw new ProblemException(404, "not-found", "Resource not found", "no " + measure + " value of "
                    + commodity + " for " + country + " in " + year + " in any edition", null);
        }
        return new History(commodity, country, year, measure, revisions);
    }

    public EditionPage editions(int page, int size) {
        List<EditionView> items = sql.list("""
                select e.code, e.published_year, e.citation,
                       (select count(*) from statistic s where s.edition_id = e.id) as n
                from edition e order by e.published_year desc, e.code limit ? offset ?
                """, List.of(size, PageParams.offset(page, size)),
                rs -> new EditionView(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4)));
        return new EditionPage(items, page, size, sql.count("select count(*) from edition", List.of()));
    }

    public ImportPage imports(int page, int size) {
        List<ImportReport> items = sql.list(
                "select report::text from statistic_import order by created_at desc, id limit ? offset ?",
                List.of(size, PageParams.offset(page, size)), rs -> read(rs.getString(1)));
        return new ImportPage(items, page, size, sql.count("select count(*) from statistic_import", List.of()));
    }

    public ImportReport importReport(UUID id) {
        return sql.one("select report::text from statistic_import where id = ?", List.of(id), rs -> read(rs.getString(1)))
                .orElseThrow(() -> ProblemException.notFound("import", id));
    }

    private ImportReport read(String text) {
        try {
            return json.readValue(text, ImportReport.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
