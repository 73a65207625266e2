package org.mfs.minerals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads what the service stored, straight from its database. */
@ApplicationScoped
public class TestDb {

    private final DataSource ds;

    public TestDb(DataSource ds) {
        this.ds = ds;
    }

    public long count(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String string(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fingerprint of everything the service stores, to compare before and after a rejected request. */
    public String fingerprint() {
        return string("""
                select concat_ws('/',
                  (select count(*) || ':' || coalesce(sum(version), 0) from commodity),
                  (select count(*) || ':' || coalesce(sum(value), 0) from statistic),
                  (select count(*) from statistic_change), (select count(*) from statistic_import),
                  (select count(*) from edition),
                  (select count(*) || ':' || coalesce(sum(version), 0) from site),
                  (select count(*) || ':' || coalesce(sum(version), 0) from corridor),
                  (select count(*) from corridor_node),
                  (select count(*) || ':' || coalesce(sum(version), 0) from governance_score),
                  (select count(*) || ':' || coalesce(sum(version), 0) from supply_risk_input),
                  (select count(*) from outbox_event), (select count(*) from idempotency_key))
                """);
    }
}
