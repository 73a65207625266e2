package org.mfs.security.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Plain JDBC reads with positional parameters: lists, totals and aggregates run in PostgreSQL and only their result
 * rows come back. Inside a transaction the connection is the transaction's own.
 */
@ApplicationScoped
public class Sql {

    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final DataSource ds;

    public Sql(DataSource ds) {
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

    private static void bind(Connection c, PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof java.util.Collection<?> col) {
                Object[] arr = col.toArray();
                String type = arr.length > 0 && arr[0] instanceof java.util.UUID ? "uuid" : "text";
                ps.setArray(i + 1, c.createArrayOf(type, arr));
            } else if (p instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else if (p instanceof java.time.LocalDate d) {
                ps.setObject(i + 1, d);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
