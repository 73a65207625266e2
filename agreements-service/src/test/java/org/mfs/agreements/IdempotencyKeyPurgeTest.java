package org.mfs.agreements;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.mfs.platform.idempotency.IdempotencyKeyPurge;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Idempotency-Keys past the retention (one day) are forgotten; recent ones are kept for retries. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class IdempotencyKeyPurgeTest {

    @Inject
    IdempotencyKeyPurge purge;

    @Inject
    EntityManager em;

    @Inject
    TestDb db;

    @Test
    void keysOlderThanTheRetentionAreForgottenAndRecentOnesKept() {
        QuarkusTransaction.requiringNew().run(() -> {
            insert("purge-old", Instant.now().minus(2, ChronoUnit.DAYS));
            insert("purge-recent", Instant.now().minus(1, ChronoUnit.HOURS));
        });
        purge.purge();
        assertEquals(0, db.count("select count(*) from idempotency_key where key = 'purge-old'"));
        assertEquals(1, db.count("select count(*) from idempotency_key where key = 'purge-recent'"));
    }

    private void insert(String key, Instant createdAt) {
        em.createNativeQuery("""
                insert into idempotency_key (scope, key, request_hash, status, created_at)
                values ('test', :key, 'h', 201, :at)""")
                .setParameter("key", key).setParameter("at", createdAt).executeUpdate();
    }
}
