package org.mfs.minerals;

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
     * A fingerprint of everything the service stores, to compare before and after a rejected request.
     * Events appended count through {@code outbox_sequence}, which stays when the relay deletes a published
     * outbox row (ADR 20). The staging table of imports is counted too: a failed import must leave it empty; and the
     * tables of edition partitions, attached or not: a failed import must leave none behind.
     */
    public String fingerprint() {
        return text("""
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
                  (select coalesce(sum(last_sequence), 0) from outbox_sequence), (select count(*) from idempotency_key),
                  (select count(*) from import_stage),
                  (select count(*) from pg_class where relname like 'statistic\\_e%'))
                """);
    }
}
