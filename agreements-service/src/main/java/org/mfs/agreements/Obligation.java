package org.mfs.agreements;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An obligation (ESG or other) an agreement places on one of its parties. */
@Entity
@Table(name = "obligation")
public class Obligation {

    @Id
    public UUID id;

    @Column(name = "agreement_id", nullable = false)
    public UUID agreementId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ObligationType type;

    @Column(nullable = false)
    public String description;

    @Column(name = "responsible_party", nullable = false, length = 2)
    public String responsibleParty;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    /** PENDING, MET or WAIVED; never OVERDUE (derived). */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ObligationStatus status;

    @Column(name = "status_changed_on")
    public LocalDate statusChangedOn;

    @Column(name = "overdue_notified_at")
    public Instant overdueNotifiedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** The status a reader sees: OVERDUE when still pending after the due date. */
    public ObligationStatus effectiveStatus(LocalDate today) {
        return status == ObligationStatus.PENDING && dueDate.isBefore(today) ? ObligationStatus.OVERDUE : status;
    }
}
