package org.mfs.deploy.helm;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A small typed model of the CloudNativePG resources this chart renders (API group postgresql.cnpg.io/v1), written
 * from the CloudNativePG API reference for the fields the chart uses; CloudNativePG publishes no Java model. The
 * mapper that reads it fails on unknown fields, so a field the chart sets that is not listed here (or is misspelt)
 * fails the test; enumerations are checked against the values the reference allows.
 */
final class CloudNativePg {

    private CloudNativePg() {
    }

    record Metadata(@JsonProperty(required = true) String name, String namespace, Map<String, String> labels,
            Map<String, String> annotations) {
    }

    record Cluster(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
            @JsonProperty(required = true) Metadata metadata, @JsonProperty(required = true) ClusterSpec spec) {
    }

    /** ClusterSpec: the subset the chart uses. */
    record ClusterSpec(@JsonProperty(required = true) Integer instances, String imageName,
            String primaryUpdateStrategy, Bootstrap bootstrap, @JsonProperty(required = true) Storage storage,
            Resources resources, PostgresConfiguration postgresql, Affinity affinity, Backup backup,
            List<ExternalCluster> externalClusters) {
        ClusterSpec {
            require(instances >= 1, "instances must be at least 1");
            require(bootstrap == null || (bootstrap.initdb() == null) != (bootstrap.recovery() == null),
                    "bootstrap is initdb or recovery, exactly one");
            require(bootstrap == null || bootstrap.recovery() == null || externalClusters != null
                    && externalClusters.stream().anyMatch(e -> e.name().equals(bootstrap.recovery().source())),
                    "bootstrap.recovery.source names one of externalClusters");
            require(primaryUpdateStrategy == null || Set.of("unsupervised", "supervised").contains(primaryUpdateStrategy),
                    "primaryUpdateStrategy is unsupervised or supervised");
        }
    }

    record Bootstrap(BootstrapInitDB initdb, BootstrapRecovery recovery) {
    }

    record BootstrapRecovery(@JsonProperty(required = true) String source, RecoveryTarget recoveryTarget) {
    }

    /** RecoveryTarget: the chart sets only targetTime (RFC 3339 or PostgreSQL timestamp with zone). */
    record RecoveryTarget(String targetTime) {
    }

    /** ExternalCluster: a backup source in an object store. */
    record ExternalCluster(@JsonProperty(required = true) String name, BarmanObjectStore barmanObjectStore) {
    }

    record BootstrapInitDB(@JsonProperty(required = true) String database, @JsonProperty(required = true) String owner) {
    }

    record Storage(@JsonProperty(required = true) String size, String storageClass) {
    }

    /** corev1.ResourceRequirements as CloudNativePG embeds it. */
    record Resources(Map<String, String> requests, Map<String, String> limits) {
    }

    record PostgresConfiguration(Map<String, String> parameters) {
    }

    /** AffinityConfiguration. */
    record Affinity(Boolean enablePodAntiAffinity, String topologyKey, String podAntiAffinityType) {
        Affinity {
            require(podAntiAffinityType == null || Set.of("preferred", "required").contains(podAntiAffinityType),
                    "podAntiAffinityType is preferred or required");
        }
    }

    /** BackupConfiguration with the in-tree Barman object store. */
    record Backup(String retentionPolicy, @JsonProperty(required = true) BarmanObjectStore barmanObjectStore) {
        Backup {
            require(retentionPolicy == null || retentionPolicy.matches("^[1-9][0-9]*[dwm]$"),
                    "retentionPolicy looks like 30d, 4w or 3m");
        }
    }

    record BarmanObjectStore(@JsonProperty(required = true) String destinationPath, String endpointURL,
            String serverName, S3Credentials s3Credentials, Compression wal, Compression data) {
    }

    record S3Credentials(SecretKeySelector accessKeyId, SecretKeySelector secretAccessKey) {
    }

    record SecretKeySelector(@JsonProperty(required = true) String name, @JsonProperty(required = true) String key) {
    }

    record Compression(String compression) {
        Compression {
            require(compression == null || Set.of("gzip", "bzip2", "snappy").contains(compression),
                    "compression is gzip, bzip2 or snappy");
        }
    }

    record ScheduledBackup(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
            @JsonProperty(required = true) Metadata metadata,
            @JsonProperty(required = true) ScheduledBackupSpec spec) {
    }

    record ScheduledBackupSpec(@JsonProperty(required = true) String schedule, String backupOwnerReference,
            @JsonProperty(required = true) LocalObjectReference cluster) {
        ScheduledBackupSpec {
            require(schedule.trim().split("\\s+").length == 6, "schedule has six fields, seconds first");
            require(backupOwnerReference == null || List.of("none", "self", "cluster").contains(backupOwnerReference),
                    "backupOwnerReference is none, self or cluster");
        }
    }

    record LocalObjectReference(@JsonProperty(required = true) String name) {
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
