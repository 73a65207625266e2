package org.mfs.agreements.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the stored current representation of agreements (column {@code current_view}, written by
 * {@code service.History} with every change) straight over JDBC: the hot read path, one indexed row per agreement.
 */
@ApplicationScoped
public class AgreementViewRepository {

    /** The JSON of an agreement and its version (for the ETag); json is null when not stored yet. */
    public record StoredView(long version, String json) {
    }

    private final DataSource ds;

    public AgreementViewRepository(DataSource ds) {
        this.ds = ds;
    }

    public Optional<StoredView> find(UUID id) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select version, current_view from agreement where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredView(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading agreement " + id, e);
        }
    }

    /** Stored representations of {@code ids} (those that have one). */
    public Map<UUID, String> find(List<UUID> ids) {
        Map<UUID, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select id, current_view from agreement where id = any(?) and current_view is not null")) {
            Array array = c.createArrayOf("uuid", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading agreements", e);
        }
        return out;
    }
}
