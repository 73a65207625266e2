package org.mfs.agreements;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A monitoring report on an obligation: who verified it, whether independently, and what they found. */
@Entity
@Table(name = "monitoring_report")
public class MonitoringReport {

    @Id
    public UUID id;

    @Column(name = "obligation_id", nullable = false)
    public UUID obligationId;

    @Column(name = "reported_on", nullable = false)
    public LocalDate reportedOn;

    @Column(nullable = false)
    public String verifier;

    @Column(nullable = false)
    public boolean independent;

    @Column(nullable = false)
    public String finding;

    public String link;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
