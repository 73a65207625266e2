package org.mfs.minerals.service;

import static org.mfs.minerals.service.Decimals.strip;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.mfs.platform.api.PageParams;
import org.mfs.minerals.Corridor;
import org.mfs.minerals.CorridorNode;
import org.mfs.minerals.CorridorStatus;
import org.mfs.minerals.Site;
import org.mfs.minerals.TransportMode;
import org.mfs.minerals.rest.GeoDtos.CorridorBody;
import org.mfs.minerals.rest.GeoDtos.CorridorPage;
import org.mfs.minerals.rest.GeoDtos.CorridorView;
import org.mfs.minerals.rest.GeoDtos.Feature;
import org.mfs.minerals.rest.GeoDtos.FeatureCollection;
import org.mfs.minerals.rest.GeoDtos.Geometry;
import org.mfs.minerals.rest.GeoDtos.NodeBody;
import org.mfs.platform.api.Versions;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.sql.SqlQueries;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Transport corridors and their nodes: writes through JPA, filtered lists as SQL (a corridor's bounding box is
 * stored with it, so a bbox filter is plain lat/lon ranges).
 */
@ApplicationScoped
public class CorridorService {

    private static final Map<String, String> CORRIDOR_SORTS = Map.of("name", "lower(name)", "status", "status",
            "mode", "mode", "createdAt", "created_at");

    private final EntityManager em;
    private final SqlQueries sql;
    private final ObjectMapper json;
    private final KnownCommodities catalogue;

    public CorridorService(EntityManager em, SqlQueries sql, ObjectMapper json, KnownCommodities catalogue) {
        this.em = em;
        this.sql = sql;
        this.json = json;
        this.catalogue = catalogue;
    }

    @Transactional
    public Corridor createCorridor(CorridorBody body, boolean demo, UUID id) {
        Corridor c = new Corridor();
        c.id = id == null ? UUID.randomUUID() : id;
        apply(c, body);
        c.demo = demo;
        c.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        c.updatedAt = c.createdAt;
        em.persist(c);
        em.flush();
        return c;
    }

    @Transactional
    public Corridor updateCorridor(UUID id, String ifMatch, CorridorBody body) {
        Corridor c = corridor(id);
        Versions.requireMatch(ifMatch, c.version);
        apply(c, body);
        c.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.flush();
        return c;
    }

    public Corridor corridor(UUID id) {
        Corridor c = em.find(Corridor.class, id);
        if (c == null) {
            throw ProblemException.notFound("corridor", id);
        }
        return c;
    }

    private void apply(Corridor c, CorridorBody b) {
        List<String> commodities = b.commodities() == null ? List.of() : b.commodities();
        catalogue.require("commodities", commodities);
        Set<String> countries = new HashSet<>(b.countries());
        List<CorridorNode> nodes = new ArrayList<>();
        for (int i = 0; i < b.nodes().size(); i++) {
            NodeBody n = b.nodes().get(i);
            if (!countries.contains(n.country())) {
                throw ProblemException.invalid("nodes[" + i + "].country",
                        "node " + n.name() + " is in " + n.country() + ", which is not one of the corridor's countries "
                                + b.countries());
            }
            if (n.siteId() != null && em.find(Site.class, n.siteId()) == null) {
                throw ProblemException.invalid("nodes[" + i + "].siteId", "site " + n.siteId() + " does not exist");
            }
            nodes.add(new CorridorNode(n.name().strip(), n.kind(), n.country(), n.latitude().setScale(6, RoundingMode.HALF_UP),
                    n.longitude().setScale(6, RoundingMode.HALF_UP), n.siteId()));
        }
        c.name = b.name().strip();
        c.description = b.description();
        c.countries = new ArrayList<>(b.countries().stream().distinct().toList());
        c.commodities = new ArrayList<>(commodities.stream().distinct().toList());
        c.mode = b.mode();
        c.status = b.status();
        c.source = b.source();
        c.nodes.clear();
        c.nodes.addAll(nodes);
        c.minLat = nodes.stream().map(n -> n.latitude).min(BigDecimal::compareTo).orElseThrow();
        c.maxLat = nodes.stream().map(n -> n.latitude).max(BigDecimal::compareTo).orElseThrow();
        c.minLon = nodes.stream().map(n -> n.longitude).min(BigDecimal::compareTo).orElseThrow();
        c.maxLon = nodes.stream().map(n -> n.longitude).max(BigDecimal::compareTo).orElseThrow();
    }

    public static CorridorView view(Corridor c) {
        return new CorridorView(c.id, c.name, c.description, List.copyOf(c.countries), List.copyOf(c.commodities), c.mode,
                c.status, c.nodes.stream().map(n -> new NodeBody(n.name, n.kind, n.country, strip(n.latitude),
                        strip(n.longitude), n.siteId)).toList(),
                List.of(strip(c.minLon), strip(c.minLat), strip(c.maxLon), strip(c.maxLat)), c.source, c.demo,
                c.createdAt, c.updatedAt, c.version);
    }

    public CorridorPage corridors(String commodity, String country, TransportMode mode, CorridorStatus status, BBox bbox,
            String sort, int page, int size) {
        SqlQueries.Where w = new SqlQueries.Where();
        if (commodity != null) {
            w.and("? = any(commodities)", commodity);
        }
        if (country != null) {
            w.and("? = any(countries)", country);
        }
        if (mode != null) {
            w.and("mode = ?", mode.name());
        }
        if (status != null) {
            w.and("status = ?", status.name());
        }
        if (bbox != null) {
            w.and("max_lat >= ? and min_lat <= ?", bbox.minLat(), bbox.maxLat());
            if (bbox.wraps()) {
                w.and("max_lon >= ? or min_lon <= ?", bbox.minLon(), bbox.maxLon());
            } else {
                w.and("max_lon >= ? and min_lon <= ?", bbox.minLon(), bbox.maxLon());
            }
        }
        String order = SqlQueries.orderBy(sort, CORRIDOR_SORTS, "name", "id");
        List<CorridorView> items = sql.list("""
                select c.*, (select json_agg(json_build_object('name', n.name, 'kind', n.kind, 'country', n.country,
                                   'latitude', n.latitude, 'longitude', n.longitude, 'siteId', n.site_id) order by n.position)
                             from corridor_node n where n.corridor_id = c.id)::text as nodes_json
                from corridor c
                """ + " where " + w.sql() + order + " limit ? offset ?", w.params(size, PageParams.offset(page, size)),
                this::corridorRow);
        return new CorridorPage(items, page, size, sql.count("select count(*) from corridor where " + w.sql(), w.params()));
    }

    private CorridorView corridorRow(ResultSet rs) throws SQLException {
        List<NodeBody> nodes;
        try {
            nodes = json.readValue(rs.getString("nodes_json"), new TypeReference<List<NodeBody>>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        nodes = nodes.stream().map(n -> new NodeBody(n.name(), n.kind(), n.country(), strip(n.latitude()),
                strip(n.longitude()), n.siteId())).toList();
        return new CorridorView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
                SqlQueries.strings(rs, "countries"), SqlQueries.strings(rs, "commodities"), TransportMode.valueOf(rs.getString("mode")),
                CorridorStatus.valueOf(rs.getString("status")), nodes,
                List.of(strip(rs.getBigDecimal("min_lon")), strip(rs.getBigDecimal("min_lat")),
                        strip(rs.getBigDecimal("max_lon")), strip(rs.getBigDecimal("max_lat"))),
                rs.getString("source"), rs.getBoolean("demo"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));
    }

    public FeatureCollection corridorFeatures(CorridorPage p) {
        List<Feature> features = p.items().stream().map(c -> {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("name", c.name());
            props.put("description", c.description());
            props.put("countries", c.countries());
            props.put("commodities", c.commodities());
            props.put("mode", c.mode());
            props.put("status", c.status());
            props.put("nodes", c.nodes().stream().map(n -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", n.name());
                m.put("kind", n.kind());
                m.put("country", n.country());
                m.put("siteId", n.siteId());
                return m;
            }).toList());
            props.put("source", c.source());
            props.put("demo", c.demo());
            props.put("version", c.version());
            List<List<BigDecimal>> line = c.nodes().stream().map(n -> List.of(n.longitude(), n.latitude())).toList();
            return new Feature("Feature", c.id().toString(), new Geometry("LineString", line), props);
        }).toList();
        return new FeatureCollection("FeatureCollection", features, p.page(), p.size(), p.total());
    }
}
