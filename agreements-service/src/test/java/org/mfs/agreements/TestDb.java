package org.mfs.agreements;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.platform.infra.DatabaseProbe;

/** Reads what the service stored, straight from its database. */
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

    /**
     * Rows in the tables a create touches, as one fingerprint to compare before and after a rejected request.
     * Events appended count through {@code outbox_sequence}, which stays when the relay deletes a published
     * outbox row (ADR 20).
     */
    public String fingerprint() {
        return count("select count(*) from agreement") + "/" + count("select count(*) from agreement_party") + "/"
                + count("select coalesce(sum(last_sequence), 0) from outbox_sequence") + "/" + count("select count(*) from agreement_revision") + "/"
                + count("select count(*) from project") + "/" + count("select count(*) from project_designation") + "/"
                + count("select count(*) from obligation") + "/" + count("select count(*) from monitoring_report") + "/"
                + count("select count(*) from idempotency_key") + "/"
                + count("select coalesce(sum(version), 0) from agreement") + "/"
                + count("select coalesce(sum(version), 0) from project");
    }
}
