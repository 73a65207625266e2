package org.mfs.agreements.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.mfs.agreements.Agreement;
import org.mfs.agreements.AgreementStatus;
import org.mfs.agreements.AgreementType;
import org.mfs.platform.sql.SqlQueries;

/**
 * Searches over agreements in SQL: filters, full-text match, sort and page, restricted to what the caller may see
 * ({@link AgreementAccess#visibleFilter}).
 */
@ApplicationScoped
public class AgreementSearch {

    /** Sort keys a search accepts (prefix {@code -} for descending) and their SQL. */
    public static final Map<String, String> SORTS = Map.of("createdAt", "a.created_at", "title", "lower(a.title)",
            "referenceCode", "a.reference_code", "signedOn", "a.signed_on", "status", "a.status");

    private final EntityManager em;
    private final AgreementAccess access;

    public AgreementSearch(EntityManager em, AgreementAccess access) {
        this.em = em;
        this.access = access;
    }

    /** Search filters; every one optional. */
    public record Criteria(String party, String mineral, List<AgreementStatus> statuses, AgreementType type,
            LocalDate signedFrom, LocalDate signedTo, String text, String sort) {
    }

    public record Found(List<Agreement> items, long total) {
    }

    public record FoundIds(List<UUID> ids, long total) {
    }

    /** Filters, sorts and pages agreements, loading the entities. */
    public Found search(Criteria c, int offset, int limit) {
        FoundIds f = searchIds(c, offset, limit);
        if (f.ids().isEmpty()) {
            return new Found(List.of(), f.total());
        }
        Map<UUID, Agreement> byId = em.createQuery("select distinct a from Agreement a where a.id in :ids", Agreement.class)
                .setParameter("ids", f.ids()).getResultList().stream()
                .collect(Collectors.toMap(a -> a.id, Function.identity()));
        return new Found(f.ids().stream().map(byId::get).toList(), f.total());
    }

    /** Filters, sorts and pages agreements in SQL (full-text search on the generated tsvector column). */
    public FoundIds searchIds(Criteria c, int offset, int limit) {
        Where w = where(c);
        Query ids = w.bind(em.createNativeQuery("select a.id from agreement a" + w.sql() + " order by "
                + orderBy(c.sort(), c.text() != null) + " limit :limit offset :offset"));
        ids.setParameter("limit", limit).setParameter("offset", offset);
        @SuppressWarnings("unchecked")
        List<UUID> found = ids.getResultList();
        return new FoundIds(found, count(w));
    }

    /** One page of stored representations, in order, and the total. */
    public record FoundViews(List<String> views, long total) {
    }

    /**
     * Like {@link #searchIds} but the page's stored representations and the total in one statement
     * ({@code count(*) over ()} counts every match before the limit applies); empty when an agreement of the page has
     * no stored representation yet.
     */
    public Optional<FoundViews> searchViews(Criteria c, int offset, int limit) {
        Where w = where(c);
        Query q = w.bind(em.createNativeQuery("select a.current_view, count(*) over () from agreement a" + w.sql()
                + " order by " + orderBy(c.sort(), c.text() != null) + " limit :limit offset :offset"));
        q.setParameter("limit", limit).setParameter("offset", offset);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        if (rows.isEmpty()) {
            return Optional.of(new FoundViews(List.of(), offset == 0 ? 0 : count(w)));
        }
        List<String> views = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            if (row[0] == null) {
                return Optional.empty();
            }
            views.add((String) row[0]);
        }
        return Optional.of(new FoundViews(views, ((Number) rows.get(0)[1]).longValue()));
    }

    private long count(Where w) {
        return ((Number) w.bind(em.createNativeQuery("select count(*) from agreement a" + w.sql())).getSingleResult()).longValue();
    }

    /** The WHERE clause of a search and its named parameters. */
    private record Where(String sql, Map<String, Object> params) {
        Query bind(Query q) {
            params.forEach(q::setParameter);
            return q;
        }
    }

    private Where where(Criteria c) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new java.util.HashMap<>();
        where.append(access.visibleFilter(params));
        if (c.party() != null) {
            where.append(" and exists (select 1 from agreement_party p where p.agreement_id = a.id and p.country = :party)");
            params.put("party", c.party());
        }
        if (c.mineral() != null) {
            where.append(" and a.covered_minerals @> array[cast(:mineral as text)]");
            params.put("mineral", c.mineral());
        }
        if (c.statuses() != null && !c.statuses().isEmpty()) {
            where.append(" and a.status in (:statuses)");
            params.put("statuses", c.statuses().stream().map(Enum::name).toList());
        }
        if (c.type() != null) {
            where.append(" and a.type = :type");
            params.put("type", c.type().name());
        }
        if (c.signedFrom() != null) {
            where.append(" and a.signed_on >= :signedFrom");
            params.put("signedFrom", c.signedFrom());
        }
        if (c.signedTo() != null) {
            where.append(" and a.signed_on <= :signedTo");
            params.put("signedTo", c.signedTo());
        }
        if (c.text() != null) {
            where.append(" and a.search @@ websearch_to_tsquery('english', :text)");
            params.put("text", c.text());
        }
        return new Where(where.toString(), params);
    }

    /** The client's sort, else the best text matches first, else the newest; the id breaks ties. */
    static String orderBy(String sort, boolean hasText) {
        String terms = SqlQueries.sortTerms(sort, SORTS);
        if (!terms.isEmpty()) {
            return terms + ", a.id";
        }
        return (hasText ? "ts_rank(a.search, websearch_to_tsquery('english', :text)) desc, " : "")
                + "a.created_at desc, a.id desc";
    }
}
