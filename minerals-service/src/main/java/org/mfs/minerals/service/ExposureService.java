package org.mfs.minerals.service;

import static org.mfs.minerals.service.Decimals.num;
import static org.mfs.minerals.service.Decimals.percent;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.minerals.Measure;
import org.mfs.minerals.rest.AnalyticsDtos.CommodityExposure;
import org.mfs.minerals.rest.AnalyticsDtos.Disruption;
import org.mfs.minerals.rest.AnalyticsDtos.DisruptionImpact;
import org.mfs.minerals.rest.AnalyticsDtos.Exposure;
import org.mfs.minerals.rest.AnalyticsDtos.ExposureMeasure;
import org.mfs.platform.sql.SqlQueries;

/**
 * What a set of countries weighs in world supply, per commodity: the share lost if they stopped supplying
 * (disruption) and their combined share of mine production, refinery production and reserves (exposure).
 * Each is one SQL statement in PostgreSQL over the newest edition's figures (or the edition asked for).
 */
@ApplicationScoped
public class ExposureService {

    private final SqlQueries sql;
    private final StatisticsService statistics;
    private final Figures figures;
    private final CountryShares countryShares;

    public ExposureService(SqlQueries sql, StatisticsService statistics, Figures figures, CountryShares countryShares) {
        this.sql = sql;
        this.statistics = statistics;
        this.figures = figures;
        this.countryShares = countryShares;
    }

    /** Per commodity, the share of world supply lost if the countries stopped supplying. */
    public Disruption disruption(List<String> removed, Measure measure, Integer year, List<String> commodities,
            String edition) {
        statistics.requireEdition(edition);
        for (String code : commodities) {
            figures.commodity(code);
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
                    countryShares.fromJson(rs.getString("removed")), num(rs, "hhi_before"),
                    num(rs, "hhi_after"),
                    SqlQueries.strings(rs, "editions"));
        });
        return new Disruption(removed, measure, impacts);
    }

    /** The combined share of a set of countries in world mine production, refinery production and reserves. */
    public Exposure exposure(List<String> countries, Integer year, List<String> commodities, String edition) {
        statistics.requireEdition(edition);
        for (String code : commodities) {
            figures.commodity(code);
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
                    num(rs, "partners"), share, percent(share), countryShares.fromJson(rs.getString("rows")),
                    SqlQueries.strings(rs, "editions")));
            return null;
        });
        List<CommodityExposure> out = new ArrayList<>();
        byCommodity.forEach((code, m) -> out.add(new CommodityExposure(code, names.get(code), m)));
        return new Exposure(countries, out);
    }
}
