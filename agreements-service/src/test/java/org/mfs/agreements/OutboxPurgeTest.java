package org.mfs.agreements;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.platform.outbox.OutboxPurge;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Rows a relay of the previous release marked published (it ran beside this release's during a rolling update) are
 * purged; unsent rows never are.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class OutboxPurgeTest {

    @Inject
    OutboxPurge purge;

    @Inject
    EntityManager em;

    @Inject
    TestDb db;

    @Test
    void rowsMarkedPublishedByThePreviousReleaseArePurgedAndUnsentOnesKept() {
        String aggregate = "purge-" + UUID.randomUUID();
        Instant old = Instant.now().minus(8, ChronoUnit.DAYS);
        QuarkusTransaction.requiringNew().run(() -> {
            insert(aggregate, 1, old, old);                                       // marked 8 days ago: purged
            insert(aggregate, 2, old, Instant.now().minus(1, ChronoUnit.MINUTES)); // marked a minute ago: purged
            insert(aggregate, 3, old, null);                                      // never sent: kept
        });
        purge.purge();
        assertEquals(0, db.count("select count(*) from outbox_event where aggregate_id = '" + aggregate + "' and sequence < 3"));
        // the unsent row stays until the relay has published it (its topic does not exist: it waits)
        assertEquals(1, db.count("select count(*) from outbox_event where aggregate_id = '" + aggregate + "' and sequence = 3"));
        // leave no test rows behind
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from outbox_event where aggregate_id = :a").setParameter("a", aggregate).executeUpdate());
    }

    private void insert(String aggregate, long sequence, Instant occurred, Instant published) {
        var insert = em.createNativeQuery("""
                insert into outbox_event (id, topic, aggregate_type, aggregate_id, sequence, event_type, source,
                                          occurred_at, payload, published_at)
                values (:id, 'test.missing-' || :a, 'test', :a, :s, 'test.ping.v1', '/test', :o, cast('{}' as json), %s)"""
                .formatted(published == null ? "null" : ":p"))
                .setParameter("id", UUID.randomUUID()).setParameter("a", aggregate).setParameter("s", sequence)
                .setParameter("o", occurred);
        if (published != null) {
            insert.setParameter("p", published);
        }
        insert.executeUpdate();
    }
}
