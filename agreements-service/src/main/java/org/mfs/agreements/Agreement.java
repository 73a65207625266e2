package org.mfs.agreements;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.ColumnTransformer;

/** A minerals-for-security agreement between two or more countries (aggregate root). */
@Entity
@Table(name = "agreement")
public class Agreement {

    @Id
    public UUID id;

    @Column(name = "reference_code", nullable = false, unique = true)
    public String referenceCode;

    @Column(nullable = false)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgreementType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgreementStatus status;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agreement_party", joinColumns = @JoinColumn(name = "agreement_id"))
    @OrderColumn(name = "position")
    public List<Party> parties = new ArrayList<>();

    /**
     * The parties' country codes in their order, on the agreement row, where searches and the partner visibility
     * filter read them (a GIN index); set with {@link #parties} by {@link #setParties}, never apart from them.
     */
    @Column(name = "party_countries", nullable = false)
    public String[] partyCountries = new String[0];

    @Column(nullable = false)
    public String summary = "";

    /** Commodity codes of minerals-service (validated against the local read model). */
    @Column(name = "covered_minerals", nullable = false)
    public String[] coveredMinerals = new String[0];

    /** JSON array of components (see AgreementDtos.Component); written and read by the service. */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String components = "[]";

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String preconditions = "[]";

    @Column(name = "source_documents", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String sourceDocuments = "[]";

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Visibility visibility = Visibility.PUBLIC;

    @Column(name = "negotiation_started_on")
    public LocalDate negotiationStartedOn;

    @Column(name = "signed_on")
    public LocalDate signedOn;

    @Column(name = "ratified_on")
    public LocalDate ratifiedOn;

    @Column(name = "in_force_on")
    public LocalDate inForceOn;

    @Column(name = "suspended_on")
    public LocalDate suspendedOn;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Column(name = "terminated_on")
    public LocalDate terminatedOn;

    @Column(name = "termination_reason")
    public String terminationReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /**
     * The API representation served by GET by id and search pages: set here only for the insert of a new agreement
     * (service.History.insertCreated), so its first row is written once, whole; every later change writes the column
     * with its revision, natively, so this field is not kept current after the insert.
     */
    @Column(name = "current_view", updatable = false)
    public String currentView;

    /** Replaces the parties, and their country codes with them. */
    public void setParties(List<Party> newParties) {
        parties.clear();
        parties.addAll(newParties);
        partyCountries = newParties.stream().map(p -> p.country).toArray(String[]::new);
    }

    public boolean isParty(String country) {
        return parties.stream().anyMatch(p -> p.country.equals(country));
    }
}
