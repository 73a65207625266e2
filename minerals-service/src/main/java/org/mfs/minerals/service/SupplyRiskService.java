package org.mfs.minerals.service;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.mfs.platform.api.PageParams;
import org.mfs.minerals.Measure;
import org.mfs.minerals.rest.AnalyticsDtos.Contribution;
import org.mfs.minerals.rest.AnalyticsDtos.GovernanceInput;
import org.mfs.minerals.rest.AnalyticsDtos.GovernanceScore;
import org.mfs.minerals.rest.AnalyticsDtos.GovernanceScoreBody;
import org.mfs.minerals.rest.AnalyticsDtos.GovernanceScorePage;
import org.mfs.minerals.rest.AnalyticsDtos.SourcingShare;
import org.mfs.minerals.rest.AnalyticsDtos.StageRisk;
import org.mfs.minerals.rest.AnalyticsDtos.SupplyRisk;
import org.mfs.minerals.rest.AnalyticsDtos.SupplyRiskInputs;
import org.mfs.minerals.rest.AnalyticsDtos.SupplyRiskRequest;
import org.mfs.minerals.rest.AnalyticsDtos.TradeRestriction;
import org.mfs.platform.api.Versions;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.sql.SqlQueries;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The EU supply-risk indicator (2017 methodology) and its stored inputs: governance scores per country and,
 * per commodity, import reliance, end-of-life recycling input rate, substitution index, economic importance,
 * EU sourcing mix and trade restrictions. The HHI_WGI sums are computed in SQL.
 */
@ApplicationScoped
public class SupplyRiskService {

    public static final BigDecimal SR_THRESHOLD = new BigDecimal("1.0");
    public static final BigDecimal EI_THRESHOLD = new BigDecimal("2.8");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final MathContext MC = MathContext.DECIMAL64;
    private static final Map<String, String> SORTS = Map.of("country", "country", "year", "year", "score", "score");

    /** Governance score per country: given in the request, else stored (newest year not after the data year). */
    private static final String GOVERNANCE = """
            o as (select * from unnest(?::text[], ?::numeric[]) as o(country, score)),
            g as (select distinct on (country) country, score from governance_score
                  order by country, (year <= ?) desc, year desc),
            t as (select * from unnest(?::text[], ?::numeric[]) as t(country, factor))
            """;

    private final SqlQueries sql;
    private final Figures figures;
    private final StatisticsService statistics;
    private final ObjectMapper json;

    public SupplyRiskService(SqlQueries sql, Figures figures, StatisticsService statistics, ObjectMapper json) {
        this.sql = sql;
        this.figures = figures;
        this.statistics = statistics;
        this.json = json;
    }

    // ---- governance scores ----

    public GovernanceScorePage governanceScores(String country, Integer year, String sort, int page, int size) {
        SqlQueries.Where w = new SqlQueries.Where();
        if (country != null) {
            w.and("country = ?", country);
        }
        if (year != null) {
            w.and("year = ?", year);
        }
        String order = SqlQueries.orderBy(sort, SORTS, "country,-year", "country, year");
        List<GovernanceScore> items = sql.list("select * from governance_score where " + w.sql() + order
                + " limit ? offset ?", w.params(size, PageParams.offset(page, size)), rs -> new GovernanceScore(rs.getString("country"),
                        rs.getInt("year"), Decimals.strip(rs.getBigDecimal("score")), rs.getString("source"),
                        rs.getLong("version")));
        return new GovernanceScorePage(items, page, size,
                sql.count("select count(*) from governance_score where " + w.sql(), w.params()));
    }

    public Optional<GovernanceScore> governanceScore(String country, int year) {
        return sql.one("select * from governance_score where country = ? and year = ?", List.of(country, year),
                rs -> new GovernanceScore(rs.getString("country"), rs.getInt("year"),
                        Decimals.strip(rs.getBigDecimal("score")), rs.getString("source"), rs.getLong("version")));
    }

    /** Creates (no If-Match needed) or replaces (If-Match required) a score; returns it and whether it was created. */
    @Transactional
    public Map.Entry<GovernanceScore, Boolean> putGovernanceScore(String country, int year, String ifMatch,
            GovernanceScoreBody body) {
        Optional<Long> version = sql.one("select version from governance_score where country = ? and year = ? for update",
                List.of(country, year), rs -> rs.getLong(1));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (version.isEmpty()) {
            sql.update("insert into governance_score (country, year, score, source, updated_at) values (?, ?, ?, ?, ?)",
                    java.util.Arrays.asList(country, year, body.score(), body.source(), java.sql.Timestamp.from(now)));
            return Map.entry(governanceScore(country, year).orElseThrow(), true);
        }
        Versions.requireMatch(ifMatch, version.get());
        sql.update("update governance_score set score = ?, source = ?, updated_at = ?, version = version + 1 "
                + "where country = ? and year = ?",
                java.util.Arrays.asList(body.score(), body.source(), java.sql.Timestamp.from(now), country, year));
        return Map.entry(governanceScore(country, year).orElseThrow(), false);
    }

    // ---- stored inputs per commodity ----

    public record StoredInputs(SupplyRiskInputs inputs, long version) {
    }

    public Optional<StoredInputs> inputs(String code) {
        long id = statistics.commodityId(code);
        return sql.one("select * from supply_risk_input where commodity_id = ?", List.of(id), rs -> new StoredInputs(
                new SupplyRiskInputs(rs.getBigDecimal("import_reliance"), rs.getBigDecimal("eol_rir"),
                        rs.getBigDecimal("substitution_index"), rs.getBigDecimal("economic_importance"),
                        read(rs.getString("eu_sourcing"), new TypeReference<List<SourcingShare>>() {
                        }), read(rs.getString("trade_restrictions"), new TypeReference<List<TradeRestriction>>() {
                        }), rs.getString("source")),
                rs.getLong("version")));
    }

    @Transactional
    public Map.Entry<StoredInputs, Boolean> putInputs(String code, String ifMatch, SupplyRiskInputs body) {
        long id = statistics.commodityId(code);
        checkSourcing(body.euSourcing());
        checkDistinct("tradeRestrictions", body.tradeRestrictions(), TradeRestriction::country);
        Optional<Long> version = sql.one("select version from supply_risk_input where commodity_id = ? for update",
                List.of(id), rs -> rs.getLong(1));
        List<Object> values = java.util.Arrays.asList(body.importReliance(), body.eolRecyclingInputRate(),
                body.substitutionIndex(), body.economicImportance(),
                write(body.euSourcing() == null ? List.of() : body.euSourcing()),
                write(body.tradeRestrictions() == null ? List.of() : body.tradeRestrictions()), body.source(),
                java.sql.Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)), id);
        boolean created = version.isEmpty();
        if (created) {
            sql.update("""
                    insert into supply_risk_input (import_reliance, eol_rir, substitution_index, economic_importance,
                        eu_sourcing, trade_restrictions, source, updated_at, commodity_id)
                    values (?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?)""", values);
        } else {
            Versions.requireMatch(ifMatch, version.get());
            sql.update("""
                    update supply_risk_input set import_reliance = ?, eol_rir = ?, substitution_index = ?,
                        economic_importance = ?, eu_sourcing = cast(? as jsonb), trade_restrictions = cast(? as jsonb),
                        source = ?, updated_at = ?, version = version + 1
                    where commodity_id = ?""", values);
        }
        return Map.entry(inputs(code).orElseThrow(), created);
    }

    // ---- the indicator ----

    public SupplyRisk supplyRisk(String code, SupplyRiskRequest req) {
        SupplyRiskRequest r = req == null
                ? new SupplyRiskRequest(null, null, null, null, null, null, null, null, null, null) : req;
        Figures.Commodity c = figures.commodity(code);
        statistics.requireEdition(r.edition());
        SupplyRiskInputs stored = inputs(code).map(StoredInputs::inputs)
                .orElse(new SupplyRiskInputs(null, null, null, null, null, null, null));
        BigDecimal ir = first(r.importReliance(), stored.importReliance());
        BigDecimal eol = first(r.eolRecyclingInputRate(), stored.eolRecyclingInputRate());
        BigDecimal si = first(r.substitutionIndex(), stored.substitutionIndex());
        BigDecimal ei = first(r.economicImportance(), stored.economicImportance());
        List<SourcingShare> eu = r.euSourcing() != null ? r.euSourcing() : stored.euSourcing();
        List<TradeRestriction> trade = r.tradeRestrictions() != null ? r.tradeRestrictions() : stored.tradeRestrictions();
        checkSourcing(r.euSourcing());
        checkDistinct("governance", r.governance(), GovernanceInput::country);
        checkDistinct("tradeRestrictions", r.tradeRestrictions(), TradeRestriction::country);
        List<Problem.FieldError> missing = new ArrayList<>();
        if (ir == null) {
            missing.add(new Problem.FieldError("importReliance", "needed; give it here or store it with PUT /api/v1/minerals/supply-risk-inputs/{code}"));
        }
        if (eol == null) {
            missing.add(new Problem.FieldError("eolRecyclingInputRate", "needed; give it here or store it"));
        }
        if (si == null) {
            missing.add(new Problem.FieldError("substitutionIndex", "needed; give it here or store it"));
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(422, "missing-supply-risk-inputs", "Supply-risk inputs missing",
                    missing.size() + " input(s) of the supply-risk formula are neither given nor stored for " + code,
                    missing);
        }
        List<GovernanceInput> gov = r.governance() == null ? List.of() : r.governance();
        List<TradeRestriction> tr = trade == null ? List.of() : trade;

        List<StageRisk> stages = new ArrayList<>();
        for (Measure m : List.of(Measure.MINE_PRODUCTION, Measure.REFINERY_PRODUCTION)) {
            Integer year = r.year() != null ? r.year() : figures.latestYear(c.id(), m, r.edition());
            if (year == null) {
                continue;
            }
            List<Contribution> global = globalContributions(c.id(), m, year, r.edition(), gov, tr,
                    r.defaultGovernanceScore());
            if (global.isEmpty()) {
                continue;
            }
            List<Contribution> euParts = eu == null || eu.isEmpty() ? null
                    : euContributions(eu, gov, tr, r.defaultGovernanceScore(), year);
            BigDecimal hhiGs = sum(global);
            BigDecimal hhiEu = euParts == null ? hhiGs : sum(euParts);
            BigDecimal halfIr = ir.divide(TWO, MC);
            BigDecimal term = hhiGs.multiply(halfIr, MC).add(hhiEu.multiply(BigDecimal.ONE.subtract(halfIr), MC), MC);
            BigDecimal sr = term.multiply(BigDecimal.ONE.subtract(eol), MC).multiply(si, MC);
            BigDecimal coverage = global.stream().map(Contribution::share).reduce(BigDecimal.ZERO, BigDecimal::add);
            stages.add(new StageRisk(m == Measure.MINE_PRODUCTION ? "EXTRACTION" : "PROCESSING", m, year,
                    round(hhiGs), round(hhiEu), euParts == null, round(term), round(sr), coverage, global,
                    euParts == null ? List.of() : euParts));
        }
        if (stages.isEmpty()) {
            throw new ProblemException(404, "no-statistics", "No statistics", "no mine or refinery production values of "
                    + code + (r.year() == null ? "" : " for " + r.year()) + " to compute supply risk from", null);
        }
        StageRisk decisive = stages.stream().max((a, b) -> a.supplyRisk().compareTo(b.supplyRisk())).orElseThrow();
        boolean srCrosses = decisive.supplyRisk().compareTo(SR_THRESHOLD) >= 0;
        Boolean eiCrosses = ei == null ? null : ei.compareTo(EI_THRESHOLD) >= 0;
        return new SupplyRisk(code, ir, eol, si, ei, stages, decisive.supplyRisk(), decisive.stage(), SR_THRESHOLD,
                EI_THRESHOLD, srCrosses, eiCrosses, eiCrosses == null ? null : srCrosses && eiCrosses);
    }

    private List<Contribution> globalContributions(long commodityId, Measure m, int year, String edition,
            List<GovernanceInput> gov, List<TradeRestriction> tr, BigDecimal defaultScore) {
        List<Object> params = new ArrayList<>();
        String where = Figures.oneYear(params, commodityId, m.name(), year, edition);
        params.addAll(governanceParams(gov, tr, year));
        params.add(defaultScore);
        String q = """
                with v as (%s),
                d as (select coalesce(max(value) filter (where area = 'WORLD'),
                                      sum(value) filter (where area <> 'WORLD')) as denom from v),
                %s,
                x as (select v.area, v.value / nullif(d.denom, 0) as share,
                             coalesce(o.score, g.score, cast(? as numeric)) as wgi, coalesce(t.factor, 1) as factor
                      from v cross join d
                      left join o on o.country = v.area left join g on g.country = v.area
                      left join t on t.country = v.area
                      where v.area not in ('WORLD', 'ROW'))
                select area, round(share, 6) as share, wgi, factor, share * share * wgi * factor as contribution
                from x order by share desc, area
                """.formatted(Figures.CURRENT.formatted(where), GOVERNANCE);
        return contributions(q, params);
    }

    private List<Contribution> euContributions(List<SourcingShare> eu, List<GovernanceInput> gov,
            List<TradeRestriction> tr, BigDecimal defaultScore, int year) {
        List<Object> params = new ArrayList<>();
        params.add(eu.stream().map(SourcingShare::country).toList());
        params.add(eu.stream().map(SourcingShare::share).toList());
        params.addAll(governanceParams(gov, tr, year));
        params.add(defaultScore);
        String q = """
                with eu as (select * from unnest(?::text[], ?::numeric[]) as eu(area, share)),
                %s,
                x as (select eu.area, eu.share, coalesce(o.score, g.score, cast(? as numeric)) as wgi,
                             coalesce(t.factor, 1) as factor
                      from eu left join o on o.country = eu.area left join g on g.country = eu.area
                      left join t on t.country = eu.area)
                select area, share, wgi, factor, share * share * wgi * factor as contribution
                from x order by share desc, area
                """.formatted(GOVERNANCE);
        return contributions(q, params);
    }

    private static List<Object> governanceParams(List<GovernanceInput> gov, List<TradeRestriction> tr, int year) {
        return List.of(gov.stream().map(GovernanceInput::country).toList(),
                gov.stream().map(GovernanceInput::score).toList(), year,
                tr.stream().map(TradeRestriction::country).toList(), tr.stream().map(TradeRestriction::factor).toList());
    }

    private List<Contribution> contributions(String q, List<Object> params) {
        List<String> noScore = new ArrayList<>();
        List<Contribution> parts = sql.list(q, params, rs -> {
            BigDecimal wgi = rs.getBigDecimal("wgi");
            if (wgi == null) {
                noScore.add(rs.getString("area"));
                return null;
            }
            return new Contribution(rs.getString("area"), Decimals.strip(rs.getBigDecimal("share")),
                    Decimals.strip(wgi), Decimals.strip(rs.getBigDecimal("factor")),
                    rs.getBigDecimal("contribution"));
        });
        if (!noScore.isEmpty()) {
            throw new ProblemException(422, "missing-governance-scores", "Governance scores missing",
                    "no governance score for " + noScore + "; store them (PUT /api/v1/minerals/governance-scores/"
                            + noScore.get(0) + "/{year}), pass them in governance[], or set defaultGovernanceScore",
                    noScore.stream().map(cc -> new Problem.FieldError("governance", "no score for " + cc)).toList());
        }
        return parts.stream().map(p -> new Contribution(p.country(), p.share(), p.governanceScore(), p.tradeFactor(),
                round(p.contribution()))).toList();
    }

    private static BigDecimal sum(List<Contribution> parts) {
        return parts.stream().map(Contribution::contribution).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal round(BigDecimal v) {
        return Decimals.strip(v.setScale(6, RoundingMode.HALF_UP));
    }

    private static BigDecimal first(BigDecimal a, BigDecimal b) {
        return a != null ? a : b;
    }

    private static void checkSourcing(List<SourcingShare> eu) {
        if (eu == null) {
            return;
        }
        checkDistinct("euSourcing", eu, SourcingShare::country);
        BigDecimal total = eu.stream().map(SourcingShare::share).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(new BigDecimal("1.001")) > 0) {
            throw ProblemException.invalid("euSourcing", "shares add up to " + total + "; they must not exceed 1");
        }
    }

    private static <T> void checkDistinct(String field, List<T> items, Function<T, String> country) {
        if (items == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (!seen.add(country.apply(items.get(i)))) {
                throw ProblemException.invalid(field + "[" + i + "].country",
                        "country " + country.apply(items.get(i)) + " is listed twice");
            }
        }
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
