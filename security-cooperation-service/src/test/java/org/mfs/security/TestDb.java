package org.mfs.security;

import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.platform.infra.DatabaseProbe;

/** Reads what the service stored, straight from its database, and seeds read models for API tests. */
@ApplicationScoped
public class TestDb extends DatabaseProbe {

    private final DataSource ds;

    public TestDb(DataSource ds) {
        this.ds = ds;
    }

    @Override
    protected DataSource dataSource() {
        return ds;
    }

    /** An agreement in the read model, as if its events had arrived (API tests; the consumer tests use real events). */
    public UUID agreement(String status) {
        UUID id = UUID.randomUUID();
        exec("insert into agreement_ref (id, reference_code, title, status, last_sequence, updated_at) values (?, ?, ?, ?, 1, now())",
                id, "AGR-" + id.toString().substring(0, 8).toUpperCase(), "Test agreement", status);
        return id;
    }

    /** A site in the read model, as if minerals.site.v1 had delivered it. */
    public UUID site(String name, String country, double lat, double lon) {
        UUID id = UUID.randomUUID();
        exec("insert into site_ref (id, name, country, latitude, longitude, commodities, last_sequence, updated_at) "
                + "values (?, ?, ?, ?, ?, '{gold}', 1, now())", id, name, country, lat, lon);
        return id;
    }

    /**
     * Rows of every table a write touches, as one fingerprint to compare before and after a rejected request.
     * Events appended count through {@code outbox_sequence}, which stays when the relay deletes a published
     * outbox row (ADR 20).
     */
    public String fingerprint() {
        return count("select count(*) from programme") + "/" + count("select coalesce(sum(version), 0) from programme") + "/"
                + count("select count(*) from budget_line") + "/" + count("select coalesce(sum(version), 0) from budget_line") + "/"
                + text("select coalesce(sum(disbursed), 0) from budget_line") + "/"
                + count("select count(*) from disbursement") + "/" + count("select count(*) from indicator") + "/"
                + count("select count(*) from indicator_report") + "/" + count("select count(*) from incident") + "/"
                + count("select count(*) from incident_programme") + "/" + count("select coalesce(sum(incidents), 0) from incident_month") + "/" + count("select coalesce(sum(last_sequence), 0) from outbox_sequence") + "/"
                + count("select count(*) from revision") + "/" + count("select count(*) from idempotency_key");
    }
}
