package org.mfs.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** CloudNativePG backups to object storage (production) and a database restored from them (docs/operations.md). */
class BackupRestoreTest {

    static List<CloudNativePg.Cluster> clusters(String manifests) {
        return Chart.parse(manifests).stream().map(TypedManifests::parse).filter(CloudNativePg.Cluster.class::isInstance)
                .map(CloudNativePg.Cluster.class::cast).toList();
    }

    @Test
    void productionBacksUpEveryDatabaseDailyToItsOwnPlaceInTheObjectStore() {
        var all = Chart.render(Chart.PRODUCTION).docs().stream().map(TypedManifests::parse).toList();
        var clusters = all.stream().filter(CloudNativePg.Cluster.class::isInstance).map(CloudNativePg.Cluster.class::cast).toList();
        var scheduled = all.stream().filter(CloudNativePg.ScheduledBackup.class::isInstance)
                .map(CloudNativePg.ScheduledBackup.class::cast).toList();
        assertEquals(3, clusters.size());
        for (var c : clusters) {
            assertEquals(3, c.spec().instances(), c.metadata().name() + ": a primary and two replicas");
            var store = c.spec().backup().barmanObjectStore();
            assertEquals("s3://mfs-backups/production", store.destinationPath());
            assertEquals(c.metadata().name(), store.serverName(), "each cluster archives under its own name");
            assertEquals("mfs-backup-s3", store.s3Credentials().accessKeyId().name());
            assertTrue(scheduled.stream().anyMatch(s -> s.spec().cluster().name().equals(c.metadata().name())),
                    c.metadata().name() + " has a ScheduledBackup");
        }
    }

    @Test
    void aDatabaseIsRestoredFromTheBackupsToAPointInTime() {
        var clusters = clusters(Chart.template(Chart.PRODUCTION,
                Map.of("postgres.restore.agreements-service.targetTime", "2026-11-28 14:00:00+00")));
        var restored = clusters.stream().filter(c -> c.metadata().name().equals("mfs-agreements-db")).findFirst().orElseThrow();
        assertNull(restored.spec().bootstrap().initdb(), "not created empty");
        var recovery = restored.spec().bootstrap().recovery();
        assertEquals("2026-11-28 14:00:00+00", recovery.recoveryTarget().targetTime());
        var origin = restored.spec().externalClusters().stream().filter(e -> e.name().equals(recovery.source()))
                .findFirst().orElseThrow();
        assertEquals("mfs-agreements-db", origin.barmanObjectStore().serverName(), "from its own backups");
        assertEquals("s3://mfs-backups/production", origin.barmanObjectStore().destinationPath());
        assertEquals("mfs-agreements-db-restored", restored.spec().backup().barmanObjectStore().serverName(),
                "the restored cluster archives somewhere new, not over the backups it came from");
        // the other databases are untouched
        clusters.stream().filter(c -> !c.metadata().name().equals("mfs-agreements-db"))
                .forEach(c -> assertNotNull(c.spec().bootstrap().initdb(), c.metadata().name()));
    }

    @Test
    void aMalformedRecoveryTimeIsRejected() {
        var e = assertThrows(Exception.class, () -> Chart.template(Chart.PRODUCTION,
                Map.of("postgres.restore.agreements-service.targetTime", "yesterday")));
        assertTrue(e.getMessage().contains("/postgres/restore/agreements-service/targetTime"), e.getMessage());
    }
}
