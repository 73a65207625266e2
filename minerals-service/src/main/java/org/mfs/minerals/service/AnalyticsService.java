package org.mfs.minerals.service;

import static org.mfs.minerals.service.CountryShares.share;
import static org.mfs.minerals.service.Decimals.num;
import static org.mfs.minerals.service.Decimals.strip;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.minerals.Measure;
import org.mfs.minerals.rest.AnalyticsDtos.Concentration;
import org.mfs.minerals.rest.AnalyticsDtos.CountryShare;
import org.mfs.minerals.rest.AnalyticsDtos.Level;
import org.mfs.minerals.rest.AnalyticsDtos.SeriesPoint;
import org.mfs.minerals.rest.AnalyticsDtos.Shares;
import org.mfs.minerals.rest.AnalyticsDtos.Stages;
import org.mfs.minerals.rest.AnalyticsDtos.TimeSeries;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.sql.SqlQueries;

/**
 * Shares, concentration, supply-chain stages and time series, each computed by one SQL statement in PostgreSQL
 * over the figures that count ({@link Figures}). Disruption and exposure are in {@link ExposureService}.
 */
@ApplicationScoped
public class AnalyticsService {

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
    private final Figures figures;

    public AnalyticsService(SqlQueries sql, StatisticsService statistics, Figures figures) {
        this.sql = sql;
        this.statistics = statistics;
        this.figures = figures;
    }

    public Shares shares(String code, Measure measure, Integer year, String edition) {
        Figures.Commodity c = figures.commodity(code);
        statistics.requireEdition(edition);
        Shares s = sharesOrNull(c, measure, year, edition);
        if (s == null) {
            throw new ProblemException(404, "no-statistics", "No statistics",
                    "no " + measure + " values of " + code + (year == null ? "" : " for " + year)
                            + (edition == null ? "" : " in " + edition), null);
        }
        return s;
    }

    private Shares sharesOrNull(Figures.Commodity c, Measure measure, Integer year, String edition) {
        int y;
        if (year == null) {
            Integer latest = figures.latestYear(c.id(), measure, edition);
            if (latest == null) {
                return null;
            }
            y = latest;
        } else {
            y = year;
        }
        List<Object> params = new ArrayList<>();
        String where = Figures.oneYear(params, c.id(), measure.name(), y, edition);
        record Row(boolean published, boolean worldLb, BigDecimal denom, BigDecimal named, BigDecimal rest, int n,
                List<String> editions, BigDecimal coverage, BigDecimal uncovered, BigDecimal hhi, CountryShare share) {
        }
        List<Row> rows = sql.list(SHARES.formatted(Figures.CURRENT.formatted(where)), params, rs -> {
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
        Figures.Commodity c = figures.commodity(code);
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
        Figures.Commodity c = figures.commodity(code);
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
}
