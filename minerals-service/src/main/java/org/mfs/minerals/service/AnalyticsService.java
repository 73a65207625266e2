package org.mfs.minerals.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.minerals.Measure;
import org.mfs.minerals.rest.AnalyticsDtos.CommodityExposure;
import org.mfs.minerals.rest.AnalyticsDtos.Concentration;
import org.mfs.minerals.rest.AnalyticsDtos.CountryShare;
import org.mfs.minerals.rest.AnalyticsDtos.Disruption;
import org.mfs.minerals.rest.AnalyticsDtos.DisruptionImpact;
import org.mfs.minerals.rest.AnalyticsDtos.Exposure;
import org.mfs.minerals.rest.AnalyticsDtos.ExposureMeasure;
import org.mfs.minerals.rest.AnalyticsDtos.Level;
import org.mfs.minerals.rest.AnalyticsDtos.SeriesPoint;
import org.mfs.minerals.rest.AnalyticsDtos.Shares;
import org.mfs.minerals.rest.AnalyticsDtos.Stages;
import org.mfs.minerals.rest.AnalyticsDtos.TimeSeries;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.sql.SqlQueries;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Shares, concentration, time series, disruption and exposure, each computed by one SQL statement in PostgreSQL.
 * A fact reported by several editions counts once, from the newest edition (or from the edition asked for).
 * Values are converted to the commodity's unit through the unit table.
 */
@ApplicationScoped
public class AnalyticsService {

    /** Current values (newest edition per commodity, measure and area) meeting a condition, in the commodity's unit. */
    static final String CURRENT = """
            select distinct on (s.commodity_id, s.measure, s.area)
                   s.commodity_id, s.measure, s.year, s.area, s.value * su.tonnes / cu.tonnes as value, s.estimated,
                   s.lower_bound, e.code as edition
            from statistic s
            join edition e on e.id = s.edition_id
            join commodity c on c.id = s.commodity_id
            join unit su on su.code = s.unit
            join unit cu on cu.code = c.unit
            %s
            order by s.commodity_id, s.measure, s.area, e.published_year desc, e.id desc
            """;

    /**
     * Without an edition asked for, one year's figures come from one edition: the newest that reports that
     * commodity, measure and year, whole. Picking the newest edition per area instead would mix editions within
     * a year (a country revised in 2025 beside a world total from 2024) and let shares sum past 100 %.
     */
    static final String NEWEST_EDITION_OF_THE_YEAR = " and s.edition_id = (select s2.edition_id from statistic s2"
            + " join edition e2 on e2.id = s2.edition_id"
            + " where s2.commodity_id = s.commodity_id and s2.measure = s.measure and s2.year = s.year"
            + " order by e2.published_year desc, e2.id desc limit 1)";

    /** The where clause for one commodity, measure and year, in the edition asked for or the year's newest. */
    static String oneYear(List<Object> params, long commodityId, String measure, int year, String edition) {
        params.addAll(List.of(commodityId, measure, year));
        String where = "where s.commodity_id = ? and s.measure = ? and s.year = ?";
        if (edition != null) {
            params.add(edition);
            return where + " and e.code = ?";
        }
        return where + NEWEST_EDITION_OF_THE_YEAR;
    }

    static final String SHARES = """
            with v as (%s),
            t as (select max(value) filter (where area = 'WORLD') as world,
                         coalesce(bool_or(lower_bound) filter (where area = 'WORLD'), false) as world_lb,
                         sum(value) filter (where area not in ('WORLD', 'ROW')) as named,
                         max(value) filter (where area = 'ROW') as rest,
                         sum(value * value) filter (where area not in ('WORLD', 'ROW')) as sumsq,
                         count(*) filter (where area not in ('WORLD', 'ROW')) as n,
                         array_agg(distinct edition order by edition) as editions
                  from v),
            d as (select t.*, coalesce(world, coalesce(named, 0) + coalesce(rest, 0)) as denom from t)
            select d.world is not null as published, d.world_lb, d.denom, d.named, d.rest, d.n, d.editions,
                   round(d.named / nullif(d.denom, 0), 6) as coverage,
                   round(coalesce(d.rest, 0) / nullif(d.denom, 0), 6) as uncovered,
                   round(10000 * d.sumsq / nullif(d.denom * d.denom, 0), 1) as hhi,
                   v.area, v.value, v.estimated, v.edition,
                   round(v.value / nullif(d.denom, 0), 6) as share
            from d left join v on v.area <> 'WORLD'
            order by (v.area = 'ROW'), v.value desc, v.area
            """;

    private final SqlQueries sql;
    private final StatisticsService statistics;
    private final ObjectMapper json;

    public AnalyticsService(SqlQueries sql, StatisticsService statistics, ObjectMapper json) {
        this.sql = sql;
        this.statistics = statistics;
        this.json = json;
    }

    record Commodity(long id, String code, String name, String unit) {
    }

    Commodity commodity(String code) {
        return sql.one("select id, code, name, unit from commodity where code = ?", List.of(code),
                rs -> new Commodity(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .orElseThrow(() -> ProblemException.notFound("commodity", code));
    }

    /** The latest year with values of this measure (in the edition, when given), or null. */
    Integer latestYear(long commodityId, Measure measure, String edition) {
        List<Object> params = new ArrayList<>(List.of(commodityId, measure.name()));
        String editionFilter = "";
        if (edition != null) {
            editionFilter = " and s.edition_id = (select id from edition where code = ?)";
            params.add(edition);
        }
        return sql.one("select max(s.year) from statistic s where s.commodity_id = ? and s.measure = ?" + editionFilter,
                params, rs -> (Integer) rs.getObject(1)).orElse(null);
    }

    public Shares shares(String code, Measure measure, Integer year, String edition) {
        Commodity c = commodity(code);
        statistics.requireEdition(edition);
        Shares s = sharesOrNull(c, measure, year, edition);
        if (s == null) {
            throw new ProblemException(404, "no-statistics", "No statistics",
                    "no " + measure + " values of " + code + (year == null ? "" : " for " + year)
                            + (edition == null ? "" : " in " + edition), null);
        }
        return s;
    }

    private Shares sharesOrNull(Commodity c, Measure measure, Integer year, String edition) {
        int y;
        if (year == null) {
            Integer latest = latestYear(c.id(), measure, edition);
            if (latest == null) {
                return null;
            }
            y = latest;
        } else {
            y = year;
        }
        List<Object> params = new ArrayList<>();
        String where = oneYear(params, c.id(), measure.name(), y, edition);
        record Row(boolean published, boolean worldLb, BigDecimal denom, BigDecimal named, BigDecimal rest, int n,
                List<String> editions, BigDecimal coverage, BigDecimal uncovered, BigDecimal hhi, CountryShare share) {
        }
        List<Row> rows = sql.list(SHARES.formatted(CURRENT.formatted(where)), params, rs -> {
            String area = rs.getString("area");
            CountryShare share = area == null ? null : share(area, rs.getBigDecimal("value"), rs.getBigDecimal("share"),
                    rs.getBoolean("estimated"), rs.getString("edition"));
            return new Row(rs.getBoolean("published"), rs.getBoolean("world_lb"), num(rs, "denom"), num(rs, "named"),
                    num(rs, "rest"), rs.getInt("n"), SqlQueries.strings(rs, "editions").stream().filter(e -> e != null).toList(),
                    num(rs, "coverage"), num(rs, "uncovered"), num(rs, "hhi"), share);
        });
        Row first = rows.get(0);
        if (first.editions().isEmpty()) {
            return null;
        }
        // the rest of world is a residual, not a country: it has its own fields (restOfWorld, uncoveredShare)
        List<CountryShare> shares = rows.stream().map(Row::share)
                .filter(s -> s != null && !s.country().equals(CountryNames.REST_OF_WORLD)).toList();
        return new Shares(c.code(), measure, y, c.unit(), first.editions(), first.denom(),
                first.published() ? "PUBLISHED" : "SUM_OF_ROWS", first.worldLb(), first.named(), first.coverage(),
                coverageNote(first.coverage(), first.editions()), first.uncovered(), first.rest(), first.hhi(),
                Level.of(first.hhi()), first.n(), shares);
    }

    /** Why the named countries can sum past the world total, when they do; null otherwise. */
    static String coverageNote(BigDecimal coverage, List<String> editions) {
        if (coverage == null || coverage.compareTo(BigDecimal.ONE) <= 0) {
            return null;
        }
        return "the named countries sum to " + coverage.movePointRight(2).stripTrailingZeros().toPlainString()
                + " % of the published world total: " + String.join(", ", editions)
                + " rounds each country's figure and the world total separately (and estimates them separately), so"
                + " their sum can exceed the total; shares are of the published total";
    }

    public Concentration concentration(String code, Measure measure, Integer year, String edition, int top) {
        return concentration(shares(code, measure, year, edition), top);
    }

    static Concentration concentration(Shares s, int top) {
        List<CountryShare> named = s.shares().stream().filter(x -> !x.country().equals(CountryNames.REST_OF_WORLD))
                .limit(top).toList();
        BigDecimal topShare = named.stream().map(CountryShare::share).filter(x -> x != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Concentration(s.commodity(), s.measure(), s.year(), s.unit(), s.editions(), s.worldTotal(), s.hhi(),
                s.level(), s.coverage(), s.uncoveredShare(), topShare, named);
    }

    public Stages stages(String code, Integer year, String edition, int top) {
        Commodity c = commodity(code);
        statistics.requireEdition(edition);
        List<Concentration> stages = new ArrayList<>();
        for (Measure m : List.of(Measure.MINE_PRODUCTION, Measure.REFINERY_PRODUCTION)) {
            Shares s = sharesOrNull(c, m, year, edition);
            if (s != null) {
                stages.add(concentration(s, top));
            }
        }
        if (stages.isEmpty()) {
            throw new ProblemException(404, "no-statistics", "No statistics",
                    "no mine or refinery production values of " + code + (year == null ? "" : " for " + year), null);
        }
        return new Stages(c.code(), year, stages);
    }

    public TimeSeries timeSeries(String code, String country, Measure measure, Integer fromYear, Integer toYear) {
        Commodity c = commodity(code);
        List<SeriesPoint> points = sql.list("""
                select s.year, e.code as edition, s.value * su.tonnes / cu.tonnes as value, s.estimated, s.lower_bound,
                       row_number() over (partition by s.year order by e.published_year desc, e.id desc) = 1 as current,
                       round((s.value * su.tonnes) / nullif(w.value * wu.tonnes, 0), 6) as share, s.note
                from statistic s
                join edition e on e.id = s.edition_id
                join commodity c on c.id = s.commodity_id
                join unit su on su.code = s.unit
                join unit cu on cu.code = c.unit
                left join statistic w on w.commodity_id = s.commodity_id and w.measure = s.measure and w.year = s.year
                                     and w.area = 'WORLD' and w.edition_id = s.edition_id
                left join unit wu on wu.code = w.unit
                where s.commodity_id = ? and s.area = ? and s.measure = ? and s.year between ? and ?
                order by s.year, e.published_year desc, e.id desc
                """, List.of(c.id(), country, measure.name(), fromYear == null ? 1900 : fromYear,
                toYear == null ? 2200 : toYear),
                rs -> new SeriesPoint(rs.getInt("year"), rs.getString("edition"), strip(rs.getBigDecimal("value")),
                        rs.getBoolean("estimated"), rs.getBoolean("lower_bound"), rs.getBoolean("current"),
                        num(rs, "share"), rs.getString("note")));
        return new TimeSeries(c.code(), country, CountryNames.displayName(country), measure, c.unit(), points);
    }

    /** Per commodity, the share of world supply lost if the countries stopped supplying. */
    public Disruption disruption(List<String> removed, Measure measure, Integer year, List<String> commodities,
            String edition) {
        statistics.requireEdition(edition);
        for (String code : commodities) {
            commodity(code);
        }
        List<Object> params = new ArrayList<>();
        params.add(year);
        params.add(measure.name());
        String commodityFilter = "";
        if (!commodities.isEmpty()) {
            commodityFilter = "where c.code = any(?)";
            params.add(commodities);
        }
        params.add(measure.name());
        String editionFilter = "";
        if (edition != null) {
            editionFilter = "and e.code = ?";
            params.add(edition);
        }
        params.add(removed);
        String q = """
                with target as (
                    select c.id as commodity_id,
                           coalesce(cast(? as integer), (select max(s.year) from statistic s
                                                         where s.commodity_id = c.id and s.measure = ?)) as year
                    from commodity c %s),
                v as (
                    select distinct on (s.commodity_id, s.area)
                           s.commodity_id, s.year, s.area, s.value * su.tonnes / cu.tonnes as value, s.estimated,
                           e.code as edition
                    from target tg
                    cross join lateral (select * from statistic x where x.commodity_id = tg.commodity_id
                                        and x.measure = ? and x.year = tg.year) s
                    join edition e on e.id = s.edition_id %s
                    join commodity c on c.id = s.commodity_id
                    join unit su on su.code = s.unit
                    join unit cu on cu.code = c.unit
                    order by s.commodity_id, s.area, e.published_year desc, e.id desc),
                a as (
                    select commodity_id, min(year) as year,
                           max(value) filter (where area = 'WORLD') as world,
                           sum(value) filter (where area not in ('WORLD', 'ROW')) as named,
                           max(value) filter (where area = 'ROW') as rest,
                           sum(value * value) filter (where area not in ('WORLD', 'ROW')) as sumsq,
                           array_agg(distinct edition order by edition) as editions
                    from v group by commodity_id),
                d as (select a.*, coalesce(world, coalesce(named, 0) + coalesce(rest, 0)) as denom from a),
                r as (
                    select d.commodity_id, coalesce(sum(v.value), 0) as lost,
                           coalesce(sum(v.value * v.value), 0) as sumsq_removed,
                           json_agg(json_build_object('country', v.area, 'value', v.value,
                                    'share', round(v.value / nullif(d.denom, 0), 6), 'estimated', v.estimated,
                                    'edition', v.edition) order by v.value desc)
                               filter (where v.area is not null) as removed
                    from d left join v on v.commodity_id = d.commodity_id and v.area = any(?)
                    group by d.commodity_id)
                select c.code, c.name, c.unit, d.year, d.denom, r.lost,
                       round(r.lost / nullif(d.denom, 0), 6) as share_lost,
                       round(10000 * d.sumsq / nullif(d.denom * d.denom, 0), 1) as hhi_before,
                       round(10000 * (d.sumsq - r.sumsq_removed) / nullif((d.denom - r.lost) * (d.denom - r.lost), 0), 1)
                           as hhi_after,
                       r.removed::text as removed, d.editions
                from d join r on r.commodity_id = d.commodity_id join commodity c on c.id = d.commodity_id
                order by share_lost desc nulls last, c.code
                """.formatted(commodityFilter, editionFilter);
        List<DisruptionImpact> impacts = sql.list(q, params, rs -> {
            BigDecimal shareLost = num(rs, "share_lost");
            return new DisruptionImpact(rs.getString("code"), rs.getString("name"), measure, rs.getInt("year"),
                    rs.getString("unit"), num(rs, "denom"), num(rs, "lost"), shareLost, percent(shareLost),
                    shares(rs.getString("removed")), num(rs, "hhi_before"), num(rs, "hhi_after"),
                    SqlQueries.strings(rs, "editions"));
        });
        return new Disruption(removed, measure, impacts);
    }

    /** The combined share of a set of countries in world mine production, refinery production and reserves. */
    public Exposure exposure(List<String> countries, Integer year, List<String> commodities, String edition) {
        statistics.requireEdition(edition);
        for (String code : commodities) {
            commodity(code);
        }
        List<String> measures = List.of(Measure.MINE_PRODUCTION.name(), Measure.REFINERY_PRODUCTION.name(),
                Measure.RESERVES.name());
        List<Object> params = new ArrayList<>();
        params.add(year);
        params.add(measures);
        String commodityFilter = "";
        if (!commodities.isEmpty()) {
            commodityFilter = "where c.code = any(?)";
            params.add(commodities);
        }
        String editionFilter = "";
        if (edition != null) {
            editionFilter = "and e.code = ?";
            params.add(edition);
        }
        params.add(countries);
        String q = """
                with target as (
                    select c.id as commodity_id, m.measure,
                           coalesce(cast(? as integer), (select max(s.year) from statistic s
                                                         where s.commodity_id = c.id and s.measure = m.measure)) as year
                    from commodity c cross join unnest(?::text[]) as m(measure) %s),
                v as (
                    select distinct on (s.commodity_id, s.measure, s.area)
                           s.commodity_id, s.measure, s.year, s.area, s.value * su.tonnes / cu.tonnes as value,
                           s.estimated, e.code as edition
                    from target tg
                    cross join lateral (select * from statistic x where x.commodity_id = tg.commodity_id
                                        and x.measure = tg.measure and x.year = tg.year) s
                    join edition e on e.id = s.edition_id %s
                    join commodity c on c.id = s.commodity_id
                    join unit su on su.code = s.unit
                    join unit cu on cu.code = c.unit
                    order by s.commodity_id, s.measure, s.area, e.published_year desc, e.id desc),
                a as (
                    select commodity_id, measure, min(year) as year,
                           coalesce(max(value) filter (where area = 'WORLD'),
                                    coalesce(sum(value) filter (where area <> 'WORLD'), 0)) as denom,
                           array_agg(distinct edition order by edition) as editions
                    from v group by commodity_id, measure),
                p as (
                    select a.commodity_id, a.measure, coalesce(sum(v.value), 0) as partners,
                           json_agg(json_build_object('country', v.area, 'value', v.value,
                                    'share', round(v.value / nullif(a.denom, 0), 6), 'estimated', v.estimated,
                                    'edition', v.edition) order by v.value desc)
                               filter (where v.area is not null) as rows
                    from a left join v on v.commodity_id = a.commodity_id and v.measure = a.measure and v.area = any(?)
                    group by a.commodity_id, a.measure)
                select c.code, c.name, c.unit, a.measure, a.year, a.denom, p.partners,
                       round(p.partners / nullif(a.denom, 0), 6) as share, p.rows::text as rows, a.editions
                from a join p on p.commodity_id = a.commodity_id and p.measure = a.measure
                join commodity c on c.id = a.commodity_id
                order by c.code, array_position(array['MINE_PRODUCTION', 'REFINERY_PRODUCTION', 'RESERVES'], a.measure)
                """.formatted(commodityFilter, editionFilter);
        Map<String, List<ExposureMeasure>> byCommodity = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        sql.list(q, params, rs -> {
            String code = rs.getString("code");
            names.put(code, rs.getString("name"));
            BigDecimal share = num(rs, "share");
            byCommodity.computeIfAbsent(code, k -> new ArrayList<>()).add(new ExposureMeasure(
                    Measure.valueOf(rs.getString("measure")), rs.getInt("year"), rs.getString("unit"), num(rs, "denom"),
                    num(rs, "partners"), share, percent(share), shares(rs.getString("rows")),
                    SqlQueries.strings(rs, "editions")));
            return null;
        });
        List<CommodityExposure> out = new ArrayList<>();
        byCommodity.forEach((code, m) -> out.add(new CommodityExposure(code, names.get(code), m)));
        return new Exposure(countries, out);
    }

    // ---- helpers ----

    record ShareRow(String country, BigDecimal value, BigDecimal share, boolean estimated, String edition) {
    }

    private List<CountryShare> shares(String jsonRows) {
        if (jsonRows == null) {
            return List.of();
        }
        try {
            List<ShareRow> rows = json.readValue(jsonRows, new TypeReference<List<ShareRow>>() {
            });
            return rows.stream().map(r -> share(r.country(), r.value(), r.share(), r.estimated(), r.edition())).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static CountryShare share(String area, BigDecimal value, BigDecimal share, boolean estimated, String edition) {
        return new CountryShare(area, CountryNames.displayName(area), strip(value), share, percent(share), estimated,
                edition);
    }

    static BigDecimal percent(BigDecimal share) {
        return share == null ? null : share.movePointRight(2).setScale(2, RoundingMode.HALF_UP);
    }

    public static BigDecimal strip(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.setScale(Math.min(v.scale(), 6), RoundingMode.HALF_UP).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    static BigDecimal num(ResultSet rs, String column) throws SQLException {
        return strip(rs.getBigDecimal(column));
    }
}
