package org.mfs.security.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.mfs.platform.sql.SqlQueries;
import org.mfs.security.Category;
import org.mfs.security.Classification;
import org.mfs.security.Programme;
import org.mfs.security.ProgrammeStatus;

/** Programme search in SQL; only programmes the caller may see are found or counted. */
@ApplicationScoped
public class ProgrammeQueries {

    public static final Map<String, String> SORTS = Map.of("createdAt", "p.created_at", "title", "lower(p.title)",
            "referenceCode", "p.reference_code", "startDate", "p.start_date", "status", "p.status",
            "category", "p.category");

    private final SqlQueries sql;
    private final EntityManager em;
    private final Audience audience;

    public ProgrammeQueries(SqlQueries sql, EntityManager em, Audience audience) {
        this.sql = sql;
        this.em = em;
        this.audience = audience;
    }

    public record Criteria(List<ProgrammeStatus> statuses, Category category, String provider, String recipient,
            String country, UUID agreementId, Classification classification, String text, String sort) {
    }

    public record Found(List<Programme> items, long total) {
    }

    public Found search(Criteria c, long offset, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where ").append(audience.sql("p", params));
        if (c.statuses() != null && !c.statuses().isEmpty()) {
            where.append(" and p.status = any(?)");
            params.add(c.statuses().stream().map(Enum::name).toList());
        }
        if (c.category() != null) {
            where.append(" and p.category = ?");
            params.add(c.category());
        }
        if (c.provider() != null) {
            where.append(" and p.provider_country = ?");
            params.add(c.provider());
        }
        if (c.recipient() != null) {
            where.append(" and p.recipient_country = ?");
            params.add(c.recipient());
        }
        if (c.country() != null) {
            where.append(" and (p.provider_country = ? or p.recipient_country = ?)");
            params.add(c.country());
            params.add(c.country());
        }
        if (c.agreementId() != null) {
            where.append(" and p.agreement_id = ?");
            params.add(c.agreementId());
        }
        if (c.classification() != null) {
            where.append(" and p.classification = ?");
            params.add(c.classification());
        }
        if (c.text() != null) {
            where.append(" and (p.title ilike ? or p.objectives ilike ? or p.reference_code ilike ?)");
            String like = "%" + c.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
            params.add(like);
        }
        String order = SqlQueries.orderBy(c.sort(), SORTS, "-createdAt", "p.id");
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(limit);
        pageParams.add(offset);
        List<UUID> ids = sql.list("select p.id from programme p" + where + order + " limit ? offset ?",
                pageParams, rs -> rs.getObject(1, UUID.class));
        long total = sql.count("select count(*) from programme p" + where, params);
        if (ids.isEmpty()) {
            return new Found(List.of(), total);
        }
        Map<UUID, Programme> byId = em.createQuery("select p from Programme p where p.id in :ids", Programme.class)
                .setParameter("ids", ids).getResultList().stream()
                .collect(Collectors.toMap(p -> p.id, Function.identity()));
        return new Found(ids.stream().map(byId::get).toList(), total);
    }
}
