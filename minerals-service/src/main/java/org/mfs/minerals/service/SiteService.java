package org.mfs.minerals.service;

import static org.mfs.minerals.service.Decimals.strip;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.mfs.platform.api.PageParams;
import org.mfs.minerals.Site;
import org.mfs.minerals.SiteKind;
import org.mfs.minerals.SiteStatus;
import org.mfs.minerals.events.SiteEvents;
import org.mfs.minerals.rest.GeoDtos.Capacity;
import org.mfs.minerals.rest.GeoDtos.Feature;
import org.mfs.minerals.rest.GeoDtos.FeatureCollection;
import org.mfs.minerals.rest.GeoDtos.Geometry;
import org.mfs.minerals.rest.GeoDtos.SiteBody;
import org.mfs.minerals.rest.GeoDtos.SitePage;
import org.mfs.minerals.rest.GeoDtos.SiteView;
import org.mfs.platform.api.Versions;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.sql.SqlQueries;

/** Mines, refineries and other sites: writes through JPA with their events, filtered lists as SQL. */
@ApplicationScoped
public class SiteService {

    private static final Map<String, String> SITE_SORTS = Map.of("name", "lower(name)", "country", "country",
            "kind", "kind", "status", "status", "createdAt", "created_at", "latitude", "latitude", "longitude", "longitude");

    private final EntityManager em;
    private final SqlQueries sql;
    private final KnownCommodities catalogue;
    private final SiteEvents siteEvents;

    public SiteService(EntityManager em, SqlQueries sql, KnownCommodities catalogue, SiteEvents siteEvents) {
        this.em = em;
        this.sql = sql;
        this.catalogue = catalogue;
        this.siteEvents = siteEvents;
    }

    @Transactional
    public Site createSite(SiteBody body, boolean demo, UUID id) {
        Site s = new Site();
        s.id = id == null ? UUID.randomUUID() : id;
        apply(s, body);
        s.demo = demo;
        s.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        s.updatedAt = s.createdAt;
        em.persist(s);
        em.flush();
        siteEvents.created(s);
        return s;
    }

    @Transactional
    public Site updateSite(UUID id, String ifMatch, SiteBody body) {
        Site s = site(id);
        Versions.requireMatch(ifMatch, s.version);
        apply(s, body);
        s.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.flush();
        siteEvents.updated(s);
        return s;
    }

    public Site site(UUID id) {
        Site s = em.find(Site.class, id);
        if (s == null) {
            throw ProblemException.notFound("site", id);
        }
        return s;
    }

    private void apply(Site s, SiteBody b) {
        catalogue.require("commodities", b.commodities());
        if (b.capacity() != null && sql.count("select count(*) from unit where code = ?", List.of(b.capacity().unit())) == 0) {
            throw ProblemException.invalid("capacity.unit", "unknown unit '" + b.capacity().unit() + "'; one of kg, t, kt, Mt");
        }
        s.name = b.name().strip();
        s.kind = b.kind();
        s.country = b.country();
        s.region = b.region();
        s.latitude = b.latitude().setScale(6, RoundingMode.HALF_UP);
        s.longitude = b.longitude().setScale(6, RoundingMode.HALF_UP);
        s.commodities = new ArrayList<>(b.commodities().stream().distinct().toList());
        s.operator = b.operator();
        s.status = b.status();
        s.capacityValue = b.capacity() == null ? null : b.capacity().value();
        s.capacityUnit = b.capacity() == null ? null : b.capacity().unit();
        s.capacityBasis = b.capacity() == null ? null : b.capacity().basis();
        s.source = b.source();
    }

    public static SiteView view(Site s) {
        return new SiteView(s.id, s.name, s.kind, s.country, s.region, strip(s.latitude), strip(s.longitude),
                List.copyOf(s.commodities), s.operator, s.status,
                s.capacityValue == null ? null : new Capacity(strip(s.capacityValue), s.capacityUnit, s.capacityBasis),
                s.source, s.demo, s.createdAt, s.updatedAt, s.version);
    }

    public SitePage sites(String commodity, String country, SiteKind kind, SiteStatus status, BBox bbox, String sort,
            int page, int size) {
        SqlQueries.Where w = new SqlQueries.Where();
        if (commodity != null) {
            w.and("? = any(commodities)", commodity);
        }
        if (country != null) {
            w.and("country = ?", country);
        }
        if (kind != null) {
            w.and("kind = ?", kind.name());
        }
        if (status != null) {
            w.and("status = ?", status.name());
        }
        if (bbox != null) {
            w.and("latitude between ? and ?", bbox.minLat(), bbox.maxLat());
            if (bbox.wraps()) {
                w.and("longitude >= ? or longitude <= ?", bbox.minLon(), bbox.maxLon());
            } else {
                w.and("longitude between ? and ?", bbox.minLon(), bbox.maxLon());
            }
        }
        String order = SqlQueries.orderBy(sort, SITE_SORTS, "name", "id");
        List<SiteView> items = sql.list("select * from site where " + w.sql() + order + " limit ? offset ?",
                w.params(size, PageParams.offset(page, size)), SiteService::siteRow);
        return new SitePage(items, page, size, sql.count("select count(*) from site where " + w.sql(), w.params()));
    }

    static SiteView siteRow(ResultSet rs) throws SQLException {
        BigDecimal capacity = rs.getBigDecimal("capacity_value");
        return new SiteView(rs.getObject("id", UUID.class), rs.getString("name"), SiteKind.valueOf(rs.getString("kind")),
                rs.getString("country"), rs.getString("region"), strip(rs.getBigDecimal("latitude")),
                strip(rs.getBigDecimal("longitude")), SqlQueries.strings(rs, "commodities"), rs.getString("operator"),
                SiteStatus.valueOf(rs.getString("status")),
                capacity == null ? null : new Capacity(strip(capacity), rs.getString("capacity_unit"),
                        rs.getString("capacity_basis")),
                rs.getString("source"), rs.getBoolean("demo"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));
    }

    public FeatureCollection siteFeatures(SitePage p) {
        List<Feature> features = p.items().stream().map(s -> {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("name", s.name());
            props.put("kind", s.kind());
            props.put("country", s.country());
            props.put("region", s.region());
            props.put("commodities", s.commodities());
            props.put("operator", s.operator());
            props.put("status", s.status());
            props.put("capacity", s.capacity());
            props.put("source", s.source());
            props.put("demo", s.demo());
            props.put("version", s.version());
            return new Feature("Feature", s.id().toString(),
                    new Geometry("Point", List.of(s.longitude(), s.latitude())), props);
        }).toList();
        return new FeatureCollection("FeatureCollection", features, p.page(), p.size(), p.total());
    }
}
