package org.mfs.security.service;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.mfs.platform.api.PageParams;
import org.mfs.platform.json.Json;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.sql.SqlQueries;
import org.mfs.security.Classification;
import org.mfs.security.IncidentType;
import org.mfs.security.Programme;
import org.mfs.security.events.IncidentEvents;
import org.mfs.security.events.IncidentEvents.IncidentRecorded;
import org.mfs.security.repository.ReadModels;
import org.mfs.security.rest.CommonDtos.Source;
import org.mfs.security.rest.IncidentDtos.CreateIncident;
import org.mfs.security.rest.IncidentDtos.Feature;
import org.mfs.security.rest.IncidentDtos.FeatureCollection;
import org.mfs.security.rest.IncidentDtos.IncidentPage;
import org.mfs.security.rest.IncidentDtos.IncidentView;
import org.mfs.security.rest.IncidentDtos.Monthly;
import org.mfs.security.rest.IncidentDtos.MonthlyRow;
import org.mfs.security.rest.IncidentDtos.Point;
import org.mfs.security.rest.IncidentDtos.Quantity;

/**
 * Incidents and seizures. Incidents are not classified themselves, but their links to programmes follow the
 * programmes' visibility: a caller sees (and can filter by) only links to programmes it may see, and the incident
 * topic carries only links to PUBLIC programmes.
 */
@ApplicationScoped
public class IncidentService {

    public static final Map<String, String> SORTS = Map.of("occurredOn", "i.occurred_on", "type", "i.type",
            "country", "i.country", "region", "lower(i.region)", "quantity", "i.quantity", "createdAt", "i.created_at");
    /** Dimensions of the monthly aggregate in the order of the roll-up's key (rows are ordered by month, then these). */
    static final List<String> KEY_ORDER = List.of("region", "type", "commodity");
    /** Dimensions of the monthly aggregate and the columns each adds to the grouping. */
    public static final Map<String, List<String>> DIMENSIONS = Map.of("region", List.of("i.country", "i.region"),
            "type", List.of("i.type"), "commodity", List.of("i.commodity", "i.unit"));

    private final EntityManager em;
    private final SqlQueries sql;
    private final ProgrammeService programmes;
    private final ReadModels readModels;
    private final IncidentEvents events;
    private final Json json;
    private final Audience audience;

    public IncidentService(EntityManager em, SqlQueries sql, ProgrammeService programmes, ReadModels readModels,
            IncidentEvents events, Json json, Audience audience) {
        this.em = em;
        this.sql = sql;
        this.programmes = programmes;
        this.readModels = readModels;
        this.events = events;
        this.json = json;
        this.audience = audience;
    }

    @Transactional
    public IncidentView record(CreateIncident r, boolean demo) {
        audience.requireRecorder();
        Checks.source("source", r.source());
        if ((r.latitude() == null) != (r.longitude() == null)) {
            throw ProblemException.invalid(r.latitude() == null ? "latitude" : "longitude", "give both latitude and longitude, or neither");
        }
        if (r.quantity() != null && r.commodity() == null) {
            throw ProblemException.invalid("commodity", "a quantity needs the commodity it measures");
        }
        if (r.occurredOn().isAfter(LocalDate.now().plusDays(1))) {
            throw ProblemException.invalid("occurredOn", "must not be in the future");
        }
        BigDecimal lat = r.latitude();
        BigDecimal lon = r.longitude();
        if (r.siteId() != null) {
            if (readModels.knownSites(List.of(r.siteId())).isEmpty()) {
                throw new ProblemException(422, "unknown-site", "Unknown site", "site " + r.siteId()
                        + " is not among minerals-service's sites", List.of(new Problem.FieldError("siteId", "unknown site")));
            }
            if (lat == null) {
                Object[] c = (Object[]) em.createNativeQuery("select latitude, longitude from site_ref where id = :id")
                        .setParameter("id", r.siteId()).getSingleResult();
                lat = (BigDecimal) c[0];
                lon = (BigDecimal) c[1];
            }
        }
        List<UUID> linked = r.programmeIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(r.programmeIds()));
        List<String> publicIds = new ArrayList<>();
        for (int i = 0; i < linked.size(); i++) {
            Programme p = em.find(Programme.class, linked.get(i));
            if (p == null || !audience.canSee(p.classification, p.providerCountry, p.recipientCountry)) {
                throw new ProblemException(422, "unknown-programme", "Unknown programme", "programme " + linked.get(i)
                        + " does not exist", List.of(new Problem.FieldError("programmeIds[" + i + "]", "unknown programme")));
            }
            if (p.classification == Classification.PUBLIC) {
                publicIds.add(p.id.toString());
            }
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.createNativeQuery("""
                insert into incident (id, occurred_on, country, region, latitude, longitude, site_id, type, commodity,
                    quantity, unit, description, source, demo, created_at)
                values (:id, :on, :country, :region, :lat, :lon, :site, :type, :commodity, :qty, :unit, :d,
                    cast(:s as jsonb), :demo, :now)""")
                .setParameter("id", id).setParameter("on", r.occurredOn()).setParameter("country", r.country())
                .setParameter("region", r.region().strip()).setParameter("lat", lat).setParameter("lon", lon)
                .setParameter("site", r.siteId()).setParameter("type", r.type().name())
                .setParameter("commodity", r.commodity())
                .setParameter("qty", r.quantity() == null ? null : r.quantity().value())
                .setParameter("unit", r.quantity() == null ? null : r.quantity().unit())
                .setParameter("d", r.description() == null ? "" : r.description().strip())
                .setParameter("s", json.write(r.source())).setParameter("demo", demo).setParameter("now", now)
                .executeUpdate();
        em.createNativeQuery("""
                insert into incident_month (month, country, region, type, commodity, unit, incidents, quantified, quantity)
                values (cast(date_trunc('month', cast(:on as date)) as date), :country, :region, :type, :commodity, :unit, 1,
                    :quantified, :qty)
                on conflict (month, country, region, type, commodity, unit) do update set
                    incidents = incident_month.incidents + 1, quantified = incident_month.quantified + excluded.quantified,
                    quantity = incident_month.quantity + excluded.quantity""")
                .setParameter("on", r.occurredOn()).setParameter("country", r.country())
                .setParameter("region", r.region().strip()).setParameter("type", r.type().name())
                .setParameter("commodity", r.commodity() == null ? "" : r.commodity())
                .setParameter("unit", r.quantity() == null ? "" : r.quantity().unit())
                .setParameter("quantified", r.quantity() == null ? 0 : 1)
                .setParameter("qty", r.quantity() == null ? BigDecimal.ZERO : r.quantity().value())
                .executeUpdate();
        for (UUID p : linked) {
            em.createNativeQuery("insert into incident_programme (incident_id, programme_id) values (:i, :p)")
                    .setParameter("i", id).setParameter("p", p).executeUpdate();
        }
        events.recorded(new IncidentRecorded(id.toString(), r.occurredOn(), r.country(), r.region().strip(),
                Checks.plain(lat), Checks.plain(lon), r.siteId() == null ? null : r.siteId().toString(), r.type(),
                r.commodity(), r.quantity() == null ? null : Checks.plain(r.quantity().value()),
                r.quantity() == null ? null : r.quantity().unit(), publicIds, r.source().title(), now));
        return get(id);
    }

    /** Filters of lists, aggregates and GeoJSON. */
    public record Filter(String country, String region, IncidentType type, String commodity, LocalDate from, LocalDate to,
            UUID programmeId, UUID siteId, double[] bbox) {
    }

    private String where(Filter f, List<Object> params) {
        StringBuilder w = new StringBuilder(" where true");
        if (f.country() != null) {
            w.append(" and i.country = ?");
            params.add(f.country());
        }
        if (f.region() != null) {
            w.append(" and lower(i.region) = lower(?)");
            params.add(f.region());
        }
        if (f.type() != null) {
            w.append(" and i.type = ?");
            params.add(f.type());
        }
        if (f.commodity() != null) {
            w.append(" and i.commodity = ?");
            params.add(f.commodity());
        }
        if (f.from() != null) {
            w.append(" and i.occurred_on >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            w.append(" and i.occurred_on <= ?");
            params.add(f.to());
        }
        if (f.siteId() != null) {
            w.append(" and i.site_id = ?");
            params.add(f.siteId());
        }
        if (f.bbox() != null) {
            w.append(" and i.longitude between ? and ? and i.latitude between ? and ?");
            params.add(f.bbox()[0]);
            params.add(f.bbox()[2]);
            params.add(f.bbox()[1]);
            params.add(f.bbox()[3]);
        }
        if (f.programmeId() != null) {
            w.append(" and exists (select 1 from incident_programme ip join programme p on p.id = ip.programme_id"
                    + " where ip.incident_id = i.id and ip.programme_id = ? and ");
            params.add(f.programmeId());
            w.append(audience.sql("p", params)).append(')');
        }
        return w.toString();
    }

    public IncidentPage list(Filter f, String sort, int page, int size) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        String order = SqlQueries.orderBy(sort, SORTS, "-occurredOn", "i.id");
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add(PageParams.offset(page, size));
        List<IncidentView> rows = sql.list("select i.* from incident i" + where + order + " limit ? offset ?",
                pageParams, this::row);
        return new IncidentPage(withLinks(rows), page, size, sql.count("select count(*) from incident i" + where, params));
    }

    public IncidentView get(UUID id) {
        IncidentView v = sql.one("select i.* from incident i where i.id = ?", List.of(id), this::row)
                .orElseThrow(() -> ProblemException.notFound("incident", id));
        return withLinks(List.of(v)).get(0);
    }

    /** Fills in the links to programmes the caller may see. */
    private List<IncidentView> withLinks(List<IncidentView> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        List<Object> params = new ArrayList<>();
        params.add(rows.stream().map(IncidentView::id).toList());
        String visible = audience.sql("p", params);
        Map<UUID, List<UUID>> links = new LinkedHashMap<>();
        sql.list("select ip.incident_id, ip.programme_id from incident_programme ip join programme p on p.id = ip.programme_id"
                + " where ip.incident_id = any(?) and " + visible + " order by ip.programme_id", params,
                rs -> links.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class)));
        return rows.stream().map(v -> new IncidentView(v.id(), v.occurredOn(), v.country(), v.region(), v.latitude(),
                v.longitude(), v.siteId(), v.type(), v.commodity(), v.quantity(), v.description(),
                links.getOrDefault(v.id(), List.of()), v.source(), v.demo(), v.createdAt())).toList();
    }

    private IncidentView row(ResultSet rs) throws SQLException {
        BigDecimal qty = rs.getBigDecimal("quantity");
        return new IncidentView(rs.getObject("id", UUID.class), rs.getObject("occurred_on", LocalDate.class),
                rs.getString("country"), rs.getString("region"), Checks.plain(rs.getBigDecimal("latitude")),
                Checks.plain(rs.getBigDecimal("longitude")), rs.getObject("site_id", UUID.class),
                IncidentType.valueOf(rs.getString("type")), rs.getString("commodity"),
                qty == null ? null : new Quantity(Checks.plain(qty), rs.getString("unit")), rs.getString("description"),
                List.of(), json.read(rs.getString("source"), Source.class), rs.getBoolean("demo"),
                rs.getTimestamp("created_at").toInstant());
    }

    /**
     * Incidents per month and the chosen dimensions, counted (and quantities summed per unit) in SQL: from the monthly
     * roll-up when the filters allow it (place, type, commodity, whole months), else from the incidents themselves.
     */
    public Monthly monthly(Filter f, List<String> groupBy) {
        Set<String> dims = new LinkedHashSet<>();
        for (String g : groupBy) {
            for (String part : g.split(",")) {
                String d = part.strip();
                if (d.isEmpty()) {
                    continue;
                }
                if (!DIMENSIONS.containsKey(d)) {
                    throw ProblemException.invalid("groupBy", "'" + d + "' is not one of [commodity, region, type]");
                }
                dims.add(d);
            }
        }
        boolean rollup = f.programmeId() == null && f.siteId() == null && f.bbox() == null
                && (f.from() == null || f.from().getDayOfMonth() == 1)
                && (f.to() == null || f.to().equals(f.to().withDayOfMonth(f.to().lengthOfMonth())));
        return rollup ? monthlyFromRollup(f, dims) : monthlyFromIncidents(f, dims);
    }

    private Monthly monthlyFromIncidents(Filter f, Set<String> dims) {
        List<String> cols = new ArrayList<>(List.of("date_trunc('month', i.occurred_on)"));
        KEY_ORDER.stream().filter(dims::contains).forEach(d -> cols.addAll(DIMENSIONS.get(d)));
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        boolean byCommodity = dims.contains("commodity");
        String select = "select to_char(date_trunc('month', i.occurred_on), 'YYYY-MM') as month, "
                + (dims.contains("region") ? "i.country, i.region, " : "null as country, null as region, ")
                + (dims.contains("type") ? "i.type, " : "null as type, ")
                + (byCommodity ? "i.commodity, i.unit, sum(i.quantity) as quantity, " : "null as commodity, null as unit, null as quantity, ")
                + "count(*) as incidents from incident i" + where + " group by " + String.join(", ", cols)
                + " order by " + String.join(", ", cols).replace("i.commodity", "i.commodity nulls first").replace("i.unit", "i.unit nulls first");
        return new Monthly(dims.stream().sorted().toList(), sql.list(select, params, IncidentService::monthlyRow));
    }

    private Monthly monthlyFromRollup(Filter f, Set<String> dims) {
        List<String> cols = new ArrayList<>(List.of("m.month"));
        KEY_ORDER.stream().filter(dims::contains).forEach(d -> DIMENSIONS.get(d).forEach(c -> cols.add(c.replace("i.", "m."))));
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where true");
        if (f.country() != null) {
            where.append(" and m.country = ?");
            params.add(f.country());
        }
        if (f.region() != null) {
            where.append(" and lower(m.region) = lower(?)");
            params.add(f.region());
        }
        if (f.type() != null) {
            where.append(" and m.type = ?");
            params.add(f.type());
        }
        if (f.commodity() != null) {
            where.append(" and m.commodity = ?");
            params.add(f.commodity());
        }
        if (f.from() != null) {
            where.append(" and m.month >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            where.append(" and m.month <= ?");
            params.add(f.to());
        }
        boolean byCommodity = dims.contains("commodity");
        // grouped by every dimension, each roll-up row is one result row: no aggregation to do
        boolean wholeKey = dims.size() == DIMENSIONS.size();
        String quantified = wholeKey ? "m.quantified" : "sum(m.quantified)";
        String quantity = wholeKey ? "m.quantity" : "sum(m.quantity)";
        String select = "select to_char(m.month, 'YYYY-MM') as month, "
                + (dims.contains("region") ? "m.country, m.region, " : "null as country, null as region, ")
                + (dims.contains("type") ? "m.type, " : "null as type, ")
                + (byCommodity ? "nullif(m.commodity, '') as commodity, nullif(m.unit, '') as unit, "
                        + "case when " + quantified + " > 0 then " + quantity + " end as quantity, "
                        : "null as commodity, null as unit, null as quantity, ")
                + (wholeKey ? "m.incidents" : "sum(m.incidents)") + " as incidents from incident_month m" + where
                + (wholeKey ? "" : " group by " + String.join(", ", cols))
                // ordered like the primary key
                + " order by " + String.join(", ", cols);
        return new Monthly(dims.stream().sorted().toList(), sql.list(select, params, IncidentService::monthlyRow));
    }

    private static MonthlyRow monthlyRow(ResultSet rs) throws SQLException {
        return new MonthlyRow(rs.getString("month"), rs.getString("country"), rs.getString("region"),
                rs.getString("type") == null ? null : IncidentType.valueOf(rs.getString("type")), rs.getString("commodity"),
                rs.getLong("incidents"), Checks.plain(rs.getBigDecimal("quantity")), rs.getString("unit"));
    }

    /** The filtered incidents that have coordinates, as GeoJSON points (at most {@code limit}). */
    public FeatureCollection geojson(Filter f, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params) + " and i.latitude is not null";
        params.add(limit);
        List<IncidentView> rows = withLinks(sql.list("select i.* from incident i" + where
                + " order by i.occurred_on desc, i.id limit ?", params, this::row));
        List<Feature> features = rows.stream().map(v -> {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("occurredOn", v.occurredOn().toString());
            props.put("type", v.type().name());
            props.put("country", v.country());
            props.put("region", v.region());
            props.put("siteId", v.siteId());
            props.put("commodity", v.commodity());
            props.put("quantity", v.quantity() == null ? null : v.quantity().value());
            props.put("unit", v.quantity() == null ? null : v.quantity().unit());
            props.put("programmeIds", v.programmeIds());
            props.put("source", v.source().title());
            return new Feature("Feature", v.id(), new Point("Point", List.of(v.longitude(), v.latitude())), props);
        }).toList();
        return new FeatureCollection("FeatureCollection", features);
    }
}
