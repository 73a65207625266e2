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

import org.mfs.agreements.Agreement;
import org.mfs.agreements.AgreementStatus;
import org.mfs.agreements.AgreementType;
import org.mfs.platform.sql.SqlQueries;

/**
 * Searches over agreements in SQL over plain JDBC ({@link SqlQueries}, as the GET by id reads its stored
 * representation): filters, full-text match, sort and page, restricted to what the caller may see
 * ({@link AgreementAccess#visibleFilter}).
 */
@ApplicationScoped
public class AgreementSearch {

    /** Sort keys a search accepts (prefix {@code -} for descending) and their SQL. */
    public static final Map<String, String> SORTS = Map.of("createdAt", "a.created_at", "title", "lower(a.title)",
            "referenceCode", "a.reference_code", "signedOn", "a.signed_on", "status", "a.status");

    private final EntityManager em;
    private final SqlQueries sql;
    private final AgreementAccess access;

    public AgreementSearch(EntityManager em, SqlQueries sql, AgreementAccess access) {
        this.em = em;
        this.sql = sql;
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
    public Found search(Criteria c, long offset, int limit) {
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
    public FoundIds searchIds(Criteria c, long offset, int limit) {
        SqlQueries.Where w = where(c);
        List<UUID> found = page("a.id", w, c, offset, limit, rs -> rs.getObject(1, UUID.class));
        return new FoundIds(found, count(w));
    }

    /** One page of stored representations (UTF-8 JSON as PostgreSQL sent it), in order, and the total. */
    public record FoundViews(List<byte[]> views, long total) {
    }

    /**
     * Like {@link #searchIds} but the page's stored representations and the total in one statement
     * ({@code count(*) over ()} counts every match before the limit applies); empty when an agreement of the page has
     * no stored representation yet.
     */
    public Optional<FoundViews> searchViews(Criteria c, long offset, int limit) {
        SqlQueries.Where w = where(c);
        long[] total = { 0 };
        List<byte[]> views = page("a.current_view, count(*) over ()", w, c, offset, limit, rs -> {
            total[0] = rs.getLong(2);
            return rs.getBytes(1);
        });
        if (views.isEmpty()) {
            return Optional.of(new FoundViews(List.of(), offset == 0 ? 0 : count(w)));
        }
        return views.contains(null) ? Optional.empty() : Optional.of(new FoundViews(views, total[0]));
    }

    private long count(SqlQueries.Where w) {
        return sql.count("select count(*) from agreement a where " + w.sql(), w.params());
    }

    private SqlQueries.Where where(Criteria c) {
        SqlQueries.Where w = new SqlQueries.Where();
        access.visibleFilter(w);
        if (c.party() != null) {
            w.and(AgreementAccess.HAS_PARTY, c.party());
        }
        if (c.mineral() != null) {
            w.and("a.covered_minerals @> array[cast(? as text)]", c.mineral());
        }
        if (c.statuses() != null && !c.statuses().isEmpty()) {
            w.and("a.status = any(?)", c.statuses().stream().map(Enum::name).toList());
        }
        if (c.type() != null) {
            w.and("a.type = ?", c.type().name());
        }
        if (c.signedFrom() != null) {
            w.and("a.signed_on >= ?", c.signedFrom());
        }
        if (c.signedTo() != null) {
            w.and("a.signed_on <= ?", c.signedTo());
        }
        if (c.text() != null) {
            w.and("a.search @@ websearch_to_tsquery('english', ?)", c.text());
        }
        return w;
    }

    /** One page of {@code columns} of the agreements {@code w} keeps, in the search's order. */
    private <T> List<T> page(String columns, SqlQueries.Where w, Criteria c, long offset, int limit,
            SqlQueries.Row<T> row) {
        Order order = orderBy(c);
        List<Object> params = new ArrayList<>(w.params());
        params.addAll(order.params());
        params.add(limit);
        params.add(offset);
        return sql.list("select " + columns + " from agreement a where " + w.sql() + order.sql() + " limit ? offset ?",
                params, row);
    }

    /** An ORDER BY clause and its parameters. */
    record Order(String sql, List<Object> params) {
    }

    /** The client's sort, else the best text matches first, else the newest; the id breaks ties. */
    static Order orderBy(Criteria c) {
        String terms = SqlQueries.sortTerms(c.sort(), SORTS);
        if (!terms.isEmpty()) {
            return new Order(" order by " + terms + ", a.id", List.of());
        }
        if (c.text() != null) {
            return new Order(" order by ts_rank(a.search, websearch_to_tsquery('english', ?)) desc,"
                    + " a.created_at desc, a.id desc", List.of(c.text()));
        }
        return new Order(" order by a.created_at desc, a.id desc", List.of());
    }
}
