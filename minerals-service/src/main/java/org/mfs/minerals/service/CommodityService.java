package org.mfs.minerals.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.mfs.platform.api.PageParams;
import org.mfs.minerals.Commodity;
import org.mfs.minerals.CommodityCategory;
import org.mfs.minerals.Listing;
import org.mfs.minerals.events.CommodityEvents;
import org.mfs.minerals.repository.CommodityRepository;
import org.mfs.minerals.rest.CommodityDtos.CommodityFields;
import org.mfs.minerals.rest.CommodityDtos.CommodityPage;
import org.mfs.minerals.rest.CommodityDtos.CommodityView;
import org.mfs.minerals.rest.CommodityDtos.CreateCommodity;
import org.mfs.platform.api.Versions;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.sql.SqlQueries;

/** Use cases of the commodity catalogue; each change and its event commit together. */
@ApplicationScoped
public class CommodityService {

    private static final Map<String, String> SORTS = Map.of("code", "code", "name", "lower(name)",
            "category", "category", "updatedAt", "updated_at");

    private final CommodityRepository commodities;
    private final CommodityEvents events;
    private final EntityManager em;
    private final SqlQueries sql;

    public CommodityService(CommodityRepository commodities, CommodityEvents events, EntityManager em, SqlQueries sql) {
        this.commodities = commodities;
        this.events = events;
        this.em = em;
        this.sql = sql;
    }

    @Transactional
    public Commodity create(CreateCommodity request) {
        if (commodities.findByCode(request.code()).isPresent()) {
            throw ProblemException.conflict("commodity-exists", "commodity " + request.code()
                    + " already exists; change it with PUT /api/v1/minerals/commodities/" + request.code());
        }
        Commodity c = new Commodity();
        c.code = request.code();
        apply(c, request.fields());
        c.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        c.updatedAt = c.createdAt;
        commodities.persist(c);
        em.flush();
        events.created(c);
        return c;
    }

    @Transactional
    public Commodity update(String code, String ifMatch, CommodityFields fields) {
        Commodity c = get(code);
        Versions.requireMatch(ifMatch, c.version);
        List<Object> before = snapshot(c);
        apply(c, fields);
        if (!snapshot(c).equals(before)) {
            c.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            em.flush();
            events.updated(c);
        }
        return c;
    }

    private static List<Object> snapshot(Commodity c) {
        return java.util.Arrays.asList(c.name, c.symbol, c.category, c.unit, c.unitBasis, c.oreOf, List.copyOf(c.hsCodes),
                List.copyOf(c.listings), List.copyOf(c.aliases), c.description);
    }

    public Commodity get(String code) {
        return commodities.findByCode(code).orElseThrow(() -> ProblemException.notFound("commodity", code));
    }

    private void apply(Commodity c, CommodityFields f) {
        if (sql.count("select count(*) from unit where code = ?", List.of(f.unit())) == 0) {
            throw ProblemException.invalid("unit", "unknown unit '" + f.unit() + "'; one of kg, t, kt, Mt");
        }
        if (f.oreOf() != null) {
            if (f.oreOf().equals(c.code)) {
                throw ProblemException.invalid("oreOf", "a commodity cannot be an ore of itself");
            }
            if (commodities.findByCode(f.oreOf()).isEmpty()) {
                throw ProblemException.invalid("oreOf", "commodity " + f.oreOf() + " is not in the catalogue");
            }
        }
        Set<String> aliasKeys = new HashSet<>();
        List<String> aliases = new ArrayList<>();
        for (String a : f.aliases() == null ? List.<String>of() : f.aliases()) {
            if (aliasKeys.add(a.strip().toLowerCase())) {
                aliases.add(a.strip());
            }
        }
        for (String a : aliases) {
            long clash = sql.count("""
                    select count(*) from commodity where code <> ? and (lower(name) = lower(?)
                        or exists (select 1 from unnest(aliases) x where lower(x) = lower(?)))""", List.of(c.code, a, a));
            if (clash > 0) {
                throw ProblemException.invalid("aliases", "alias '" + a + "' already names another commodity");
            }
        }
        c.name = f.name().strip();
        c.symbol = f.symbol();
        c.category = f.category();
        c.unit = f.unit();
        c.unitBasis = f.unitBasis().strip();
        c.oreOf = f.oreOf();
        c.hsCodes = new ArrayList<>(f.hsCodes().stream().distinct().toList());
        c.listings = new ArrayList<>(f.listings().stream().distinct().map(Listing::name).toList());
        c.aliases = aliases;
        c.description = f.description();
    }

    public CommodityPage list(CommodityCategory category, Listing listing, String q, String hsCode, String sort,
            int page, int size) {
        SqlQueries.Where w = new SqlQueries.Where();
        if (category != null) {
            w.and("category = ?", category.name());
        }
        if (listing != null) {
            w.and("? = any(listings)", listing.name());
        }
        if (q != null && !q.isBlank()) {
            String like = "%" + q.strip().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%";
            w.and("lower(name) like ? or code like ? or exists (select 1 from unnest(aliases) a where lower(a) like ?)",
                    like, like, like);
        }
        if (hsCode != null && !hsCode.isBlank()) {
            w.and("exists (select 1 from unnest(hs_codes) h where h like ? or ? like h || '%')", hsCode.strip() + "%",
                    hsCode.strip());
        }
        String order = SqlQueries.orderBy(sort, SORTS, "code", "id");
        List<CommodityView> items = sql.list("select * from commodity where " + w.sql() + order + " limit ? offset ?",
                w.params(size, PageParams.offset(page, size)), CommodityService::view);
        long total = sql.count("select count(*) from commodity where " + w.sql(), w.params());
        return new CommodityPage(items, page, size, total);
    }

    static CommodityView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CommodityView(rs.getString("code"), rs.getString("name"), rs.getString("symbol"),
                CommodityCategory.valueOf(rs.getString("category")), rs.getString("unit"), rs.getString("unit_basis"),
                rs.getString("ore_of"), SqlQueries.strings(rs, "hs_codes"),
                SqlQueries.strings(rs, "listings").stream().map(Listing::valueOf).toList(), SqlQueries.strings(rs, "aliases"),
                rs.getString("description"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));
    }
}
