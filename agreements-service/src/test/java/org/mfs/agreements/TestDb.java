package org.mfs.agreements;

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

    public String text(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows in the tables a create touches, as one fingerprint to compare before and after a rejected request. */
    public String fingerprint() {
        return count("select count(*) from agreement") + "/" + count("select count(*) from agreement_party") + "/"
                + count("select count(*) from outbox_event") + "/" + count("select count(*) from agreement_revision") + "/"
                + count("select count(*) from project") + "/" + count("select count(*) from project_designation") + "/"
                + count("select count(*) from obligation") + "/" + count("select count(*) from monitoring_report") + "/"
                + count("select count(*) from idempotency_key") + "/"
                + count("select coalesce(sum(version), 0) from agreement") + "/"
                + count("select coalesce(sum(version), 0) from project");
    }
}
