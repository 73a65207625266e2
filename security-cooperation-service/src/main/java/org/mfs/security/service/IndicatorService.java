package org.mfs.security.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.mfs.platform.history.FieldChange;
import org.mfs.platform.history.History;
import org.mfs.platform.json.Json;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.sql.SqlQueries;
import org.mfs.security.Direction;
import org.mfs.security.Programme;
import org.mfs.security.events.ProgrammeEvents;
import org.mfs.security.events.ProgrammeEvents.IndicatorAdded;
import org.mfs.security.events.ProgrammeEvents.IndicatorReported;
import org.mfs.security.rest.CommonDtos.Source;
import org.mfs.security.rest.IndicatorDtos.CreateIndicator;
import org.mfs.security.rest.IndicatorDtos.CreateReport;
import org.mfs.security.rest.IndicatorDtos.IndicatorView;
import org.mfs.security.rest.IndicatorDtos.ReportView;

/** Indicators (unit, baseline, target, direction) and periodic reports; progress against target is computed in SQL. */
@ApplicationScoped
public class IndicatorService {

    private static final String INDICATOR_SELECT = """
            select i.*, l.period_end as latest_period, l.value as latest_value,
                   (select count(*) from indicator_report r where r.indicator_id = i.id) as reports,
                   round((l.value - i.baseline) * 100 / (i.target - i.baseline), 1) as progress
            from indicator i
            left join lateral (select period_end, value from indicator_report r where r.indicator_id = i.id
                               order by period_end desc limit 1) l on true
            """;

    private final EntityManager em;
    private final SqlQueries sql;
    private final ProgrammeService programmes;
    private final ProgrammeEvents events;
    private final History history;
    private final Views views;
    private final Json json;
    private final Audience audience;

    public IndicatorService(EntityManager em, SqlQueries sql, ProgrammeService programmes, ProgrammeEvents events,
            History history, Views views, Json json, Audience audience) {
        this.em = em;
        this.sql = sql;
        this.programmes = programmes;
        this.events = events;
        this.history = history;
        this.views = views;
        this.json = json;
        this.audience = audience;
    }

    @Transactional
    public IndicatorView add(UUID programmeId, CreateIndicator r) {
        Programme p = programmes.visible(programmeId, true);
        audience.requireEditorOf(p.providerCountry, p.recipientCountry);
        int cmp = r.target().compareTo(r.baseline());
        if (r.direction() == Direction.INCREASE && cmp <= 0 || r.direction() == Direction.DECREASE && cmp >= 0) {
            throw ProblemException.invalid("target", "must be " + (r.direction() == Direction.INCREASE ? "above" : "below")
                    + " the baseline " + r.baseline().toPlainString() + " for direction " + r.direction());
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                insert into indicator (id, programme_id, name, unit, baseline, target, direction, created_at)
                values (:id, :p, :name, :unit, :b, :t, :d, :now)""")
                .setParameter("id", id).setParameter("p", programmeId).setParameter("name", r.name().strip())
                .setParameter("unit", r.unit().strip()).setParameter("b", r.baseline()).setParameter("t", r.target())
                .setParameter("d", r.direction().name()).setParameter("now", Instant.now().truncatedTo(ChronoUnit.MICROS))
                .executeUpdate();
        history.record(ProgrammeService.AGGREGATE, p.id.toString(), audience.actor(), "indicator added",
                views.programme(p), List.of(FieldChange.of("indicator", null, r.name().strip())));
        events.indicatorAdded(p, new IndicatorAdded(p.id.toString(), id.toString(), r.name().strip(), r.unit().strip(),
                Checks.plain(r.baseline()), Checks.plain(r.target()), r.direction()));
        return indicator(programmeId, id);
    }

    @Transactional
    public ReportView report(UUID programmeId, UUID indicatorId, CreateReport r) {
        Programme p = programmes.visible(programmeId, true);
        audience.requireReporterOf(p.providerCountry, p.recipientCountry);
        IndicatorView i = indicator(programmeId, indicatorId);
        Checks.source("source", r.source());
        if (r.periodEnd().isAfter(LocalDate.now().plusDays(1))) {
            throw ProblemException.invalid("periodEnd", "a report is filed after its period; " + r.periodEnd() + " is in the future");
        }
        Number dup = (Number) em.createNativeQuery("select count(*) from indicator_report where indicator_id = :i and period_end = :d")
                .setParameter("i", indicatorId).setParameter("d", r.periodEnd()).getSingleResult();
        if (dup.longValue() > 0) {
            throw new ProblemException(409, "duplicate-report", "Period already reported", "indicator " + indicatorId
                    + " already has a report for the period ending " + r.periodEnd(),
                    List.of(new Problem.FieldError("periodEnd", "already reported")));
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.createNativeQuery("""
                insert into indicator_report (id, indicator_id, period_end, value, note, source, reported_by, created_at)
                values (:id, :i, :d, :v, :note, cast(:s as jsonb), :by, :now)""")
                .setParameter("id", id).setParameter("i", indicatorId).setParameter("d", r.periodEnd())
                .setParameter("v", r.value()).setParameter("note", r.note()).setParameter("s", json.write(r.source()))
                .setParameter("by", audience.actor()).setParameter("now", now).executeUpdate();
        IndicatorView after = indicator(programmeId, indicatorId);
        history.record(ProgrammeService.AGGREGATE, p.id.toString(), audience.actor(), "indicator reported",
                views.programme(p), List.of(FieldChange.of("indicator[" + i.name() + "]." + r.periodEnd(), null,
                        Checks.plain(r.value()).toPlainString())));
        events.indicatorReported(p, new IndicatorReported(p.id.toString(), indicatorId.toString(), id.toString(),
                r.periodEnd(), Checks.plain(r.value()), after.progressPercent(), r.source().title()));
        return new ReportView(id, indicatorId, r.periodEnd(), Checks.plain(r.value()), r.note(), r.source(),
                audience.actor(), now);
    }

    public List<IndicatorView> indicators(UUID programmeId) {
        programmes.visible(programmeId, false);
        return sql.list(INDICATOR_SELECT + " where i.programme_id = ? order by i.created_at, i.id", List.of(programmeId),
                IndicatorService::row);
    }

    public IndicatorView indicator(UUID programmeId, UUID indicatorId) {
        return sql.one(INDICATOR_SELECT + " where i.programme_id = ? and i.id = ?", List.of(programmeId, indicatorId),
                IndicatorService::row).orElseThrow(() -> ProblemException.notFound("indicator", indicatorId));
    }

    public List<ReportView> reports(UUID programmeId, UUID indicatorId) {
        programmes.visible(programmeId, false);
        indicator(programmeId, indicatorId);
        return sql.list("select * from indicator_report where indicator_id = ? order by period_end", List.of(indicatorId),
                rs -> new ReportView(rs.getObject("id", UUID.class), indicatorId, rs.getObject("period_end", LocalDate.class),
                        Checks.plain(rs.getBigDecimal("value")), rs.getString("note"),
                        json.read(rs.getString("source"), Source.class), rs.getString("reported_by"),
                        rs.getTimestamp("created_at").toInstant()));
    }

    private static IndicatorView row(ResultSet rs) throws SQLException {
        BigDecimal progress = rs.getBigDecimal("progress");
        return new IndicatorView(rs.getObject("id", UUID.class), rs.getObject("programme_id", UUID.class),
                rs.getString("name"), rs.getString("unit"), Checks.plain(rs.getBigDecimal("baseline")),
                Checks.plain(rs.getBigDecimal("target")), Direction.valueOf(rs.getString("direction")),
                Checks.plain(rs.getBigDecimal("latest_value")), rs.getObject("latest_period", LocalDate.class),
                progress == null ? null : progress.setScale(1, RoundingMode.HALF_UP),
                progress != null && progress.compareTo(BigDecimal.valueOf(100)) >= 0, rs.getLong("reports"),
                rs.getTimestamp("created_at").toInstant());
    }
}
