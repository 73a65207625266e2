package org.mfs.agreements;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A project under an agreement, with each party's designation and the joint committee's decision. */
@Entity
@Table(name = "project")
public class Project {

    @Id
    public UUID id;

    @Column(name = "agreement_id", nullable = false)
    public UUID agreementId;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProjectSector sector;

    @Column(nullable = false, length = 2)
    public String country;

    public String region;
    public Double latitude;
    public Double longitude;

    @Column(name = "cost_amount", precision = 20, scale = 2)
    public BigDecimal costAmount;

    @Column(name = "cost_currency", length = 3)
    public String costCurrency;

    @Column(name = "capacity_value", precision = 20, scale = 3)
    public BigDecimal capacityValue;

    @Column(name = "capacity_unit")
    public String capacityUnit;

    public String corridor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProjectStatus status;

    @Enumerated(EnumType.STRING)
    public DecisionOutcome decision;

    @Column(name = "decided_on")
    public LocalDate decidedOn;

    @Column(name = "minutes_reference")
    public String minutesReference;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "project_designation", joinColumns = @JoinColumn(name = "project_id"))
    public List<PartyDesignation> designations = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public boolean prioritised() {
        return decision == DecisionOutcome.APPROVED;
    }

    /** One party's designation of the project. */
    @Embeddable
    public static class PartyDesignation {

        @Column(nullable = false, length = 2)
        public String country;

        @Enumerated(EnumType.STRING)
        @Column(nullable = false)
        public Designation designation;

        @Column(name = "designated_on", nullable = false)
        public LocalDate designatedOn;

        public String note;

        protected PartyDesignation() {
        }

        public PartyDesignation(String country, Designation designation, LocalDate designatedOn, String note) {
            this.country = country;
            this.designation = designation;
            this.designatedOn = designatedOn;
            this.note = note;
        }
    }
}
