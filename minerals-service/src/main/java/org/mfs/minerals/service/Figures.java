package org.mfs.minerals.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.minerals.Measure;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.sql.SqlQueries;

/**
 * Which figures count: the commodity a code names, the latest year with values, and the SQL that picks one figure
 * per fact. A fact reported by several editions counts once, from the newest edition (or from the edition asked
 * for); values are converted to the commodity's unit through the unit table.
 */
@ApplicationScoped
class Figures {

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
    static final String NEWEST_EDITION_OF_THE_YEAR = newestEditionOfTheYear("s.commodity_id", "s.measure", "s.year");

    /** {@link #NEWEST_EDITION_OF_THE_YEAR} for the commodity, measure and year given as expressions. */
    private static String newestEditionOfTheYear(String commodity, String measure, String year) {
        return " and s.edition_id = (select s2.edition_id from statistic s2 join edition e2 on e2.id = s2.edition_id"
                + " where s2.commodity_id = " + commodity + " and s2.measure = " + measure + " and s2.year = " + year
                + " order by e2.published_year desc, e2.id desc limit 1)";
    }

    /**
     * The where clause for one commodity, measure and year, in the edition asked for or the year's newest. The
     * newest edition is found once, by the subquery on the same parameters, not correlated on each row as
     * {@link #NEWEST_EDITION_OF_THE_YEAR} is: PostgreSQL runs that again for every area (250 times for a commodity
     * reported by every country: 37 ms of a shares+HHI answer in {@code bench/minerals}, ADR 0018).
     */
    static String oneYear(List<Object> params, long commodityId, String measure, int year, String edition) {
        params.addAll(List.of(commodityId, measure, year));
        String where = "where s.commodity_id = ? and s.measure = ? and s.year = ?";
        if (edition != null) {
            params.add(edition);
            return where + " and e.code = ?";
        }
        params.addAll(List.of(commodityId, measure, year));
        return where + newestEditionOfTheYear("?", "?", "?");
    }

    private final SqlQueries sql;

    Figures(SqlQueries sql) {
        this.sql = sql;
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
}
