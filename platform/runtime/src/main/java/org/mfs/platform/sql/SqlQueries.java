package org.mfs.platform.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.platform.problem.ProblemException;

/**
 * Plain JDBC statements with positional parameters: lists, filters, totals and analytics run as SQL in PostgreSQL and
 * only their result rows come back. Inside a transaction the connection is the transaction's own (Agroal shares it
 * with Hibernate).
 */
@ApplicationScoped
public class SqlQueries {

    /** Maps one result row. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final DataSource ds;

    public SqlQueries(DataSource ds) {
        this.ds = ds;
    }

    public <T> List<T> list(String sql, List<?> params, Row<T> row) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public <T> Optional<T> one(String sql, List<?> params, Row<T> row) {
        List<T> l = list(sql, params, row);
        return l.isEmpty() ? Optional.empty() : Optional.ofNullable(l.get(0));
    }

    public long count(String sql, List<?> params) {
        return one(sql, params, rs -> rs.getLong(1)).orElse(0L);
    }

    public int update(String sql, List<?> params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Binds positional parameters: a collection becomes an array ({@code numeric[]} of numbers, {@code uuid[]} of
     * UUIDs, otherwise {@code text[]}), an enum its name, and null an untyped null.
     */
    static void bind(Connection c, PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Collection<?> col) {
                Object[] arr = col.toArray();
                ps.setArray(i + 1, c.createArrayOf(arrayType(arr), arr));
            } else if (p instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else if (p == null) {
                // untyped: PostgreSQL takes the type from the column or expression (a typed VARCHAR null cannot go into numeric)
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    private static String arrayType(Object[] arr) {
        if (arr.length > 0 && arr[0] instanceof Number) {
            return "numeric";
        }
        return arr.length > 0 && arr[0] instanceof UUID ? "uuid" : "text";
    }

    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        java.sql.Array a = rs.getArray(column);
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }

    /** A WHERE clause built from the filters actually given. */
    public static final class Where {
        private final StringJoiner sql = new StringJoiner(" and ");
        private final List<Object> params = new ArrayList<>();

        public Where and(String condition, Object... values) {
            sql.add("(" + condition + ")");
            params.addAll(List.of(values));
            return this;
        }

        public String sql() {
            return sql.length() == 0 ? "true" : sql.toString();
        }

        public List<Object> params() {
            return params;
        }

        public List<Object> params(Object... more) {
            List<Object> all = new ArrayList<>(params);
            all.addAll(List.of(more));
            return all;
        }
    }

    /**
     * The ORDER BY terms of a {@code sort} parameter such as {@code name} or {@code -year,country}, the one way every
     * service reads it: each key must be one of {@code allowed} (API name to SQL expression), {@code -} means
     * descending ({@code +} ascending), a key named twice counts once, and nulls sort last either way. An unknown key
     * is a 400 problem naming the parameter and the keys allowed. Empty for a blank parameter.
     */
    public static String sortTerms(String sort, Map<String, String> allowed) {
        if (sort == null || sort.isBlank()) {
            return "";
        }
        StringJoiner terms = new StringJoiner(", ");
        Set<String> used = new HashSet<>();
        for (String part : sort.split(",")) {
            String key = part.strip();
            boolean desc = key.startsWith("-");
            String name = desc || key.startsWith("+") ? key.substring(1) : key;
            String expr = allowed.get(name);
            if (expr == null) {
                throw ProblemException.invalid("sort", "unknown sort key '" + name + "'; use "
                        + allowed.keySet().stream().sorted().toList() + ", each optionally prefixed with - for descending");
            }
            if (used.add(name)) {
                terms.add(expr + (desc ? " desc nulls last" : " asc nulls last"));
            }
        }
        return terms.toString();
    }

    /**
     * {@code " order by "} the {@link #sortTerms} of {@code sort} ({@code defaultSort}, in the same syntax, when the
     * client gave none) and then {@code tieBreaker}, which keeps pages stable.
     */
    public static String orderBy(String sort, Map<String, String> allowed, String defaultSort, String tieBreaker) {
        String terms = sortTerms(sort, allowed);
        return " order by " + (terms.isEmpty() ? sortTerms(defaultSort, allowed) : terms) + ", " + tieBreaker;
    }
}
