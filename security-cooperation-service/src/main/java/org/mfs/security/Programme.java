package org.mfs.security;

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

import org.hibernate.annotations.ColumnTransformer;

/** A security-assistance programme from a provider country to a recipient country (aggregate root). */
@Entity
@Table(name = "programme")
public class Programme {

    @Id
    public UUID id;

    @Column(name = "reference_code", nullable = false, unique = true)
    public String referenceCode;

    @Column(nullable = false)
    public String title;

    @Column(name = "provider_country", nullable = false, length = 2)
    public String providerCountry;

    @Column(name = "recipient_country", nullable = false, length = 2)
    public String recipientCountry;

    @Column(name = "agreement_id")
    public UUID agreementId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Category category;

    @Column(nullable = false)
    public String objectives = "";

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProgrammeStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Classification classification;

    /** JSON array of ProgrammeDtos.TargetRegion. */
    @Column(name = "target_regions", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String targetRegions = "[]";

    /** JSON array of Dtos.Source. */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String sources = "[]";

    @Column(name = "status_reason")
    public String statusReason;

    /** The agreement event whose rule put the programme on hold; null when it is not held by that rule. */
    @Column(name = "held_by_event")
    public String heldByEvent;

    @Column(nullable = false)
    public boolean demo;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
