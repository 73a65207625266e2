package org.mfs.agreements.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.agreements.Visibility;

/**
 * Reads the stored current representation of agreements (column {@code current_view}, written by
 * {@code service.History} with every change) straight over JDBC: the hot read path, one indexed row per agreement.
 */
@ApplicationScoped
public class AgreementViewRepository {

    /**
     * The JSON of an agreement, as the UTF-8 bytes PostgreSQL sent (answered as they are, never decoded), and its
     * version (for the ETag); json is null when not stored yet. With what the visibility rule needs: the visibility
     * and, for a PARTIES_ONLY agreement, its party countries (else empty).
     */
    public record StoredView(long version, byte[] json, Visibility visibility, List<String> partyCountries) {
    }

    private final DataSource ds;

    public AgreementViewRepository(DataSource ds) {
        this.ds = ds;
    }

    public Optional<StoredView> find(UUID id) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select a.version, a.current_view, a.visibility,"
                        + " case when a.visibility = 'PARTIES_ONLY' then a.party_countries end"
                        + " from agreement a where a.id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Array parties = rs.getArray(4);
                return Optional.of(new StoredView(rs.getLong(1), rs.getBytes(2), Visibility.valueOf(rs.getString(3)),
                        parties == null ? List.of() : List.of((String[]) parties.getArray())));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading agreement " + id, e);
        }
    }
}
