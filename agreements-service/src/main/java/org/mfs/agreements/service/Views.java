package org.mfs.agreements.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.agreements.Agreement;
import org.mfs.agreements.Project;
import org.mfs.agreements.rest.AgreementDtos.AgreementView;
import org.mfs.agreements.rest.AgreementDtos.Component;
import org.mfs.agreements.rest.AgreementDtos.LifecycleDates;
import org.mfs.agreements.rest.AgreementDtos.PartyBody;
import org.mfs.agreements.rest.AgreementDtos.Precondition;
import org.mfs.agreements.rest.AgreementDtos.SourceDocument;
import org.mfs.agreements.rest.ProjectDtos.Capacity;
import org.mfs.agreements.rest.ProjectDtos.DecisionView;
import org.mfs.agreements.rest.ProjectDtos.DesignationView;
import org.mfs.agreements.rest.ProjectDtos.Location;
import org.mfs.agreements.rest.ProjectDtos.Money;
import org.mfs.agreements.rest.ProjectDtos.ProjectView;
import org.mfs.platform.json.Json;

/** Entity to wire model. */
@ApplicationScoped
public class Views {

    private final Json json;

    public Views(Json json) {
        this.json = json;
    }

    public AgreementView agreement(Agreement a) {
        return new AgreementView(a.id, a.referenceCode, a.title, a.type, a.status,
                a.parties.stream().map(p -> new PartyBody(p.country, p.role)).toList(), a.summary,
                List.of(a.coveredMinerals), json.readList(a.components, Component.class),
                json.readList(a.preconditions, Precondition.class), json.readList(a.sourceDocuments, SourceDocument.class),
                a.visibility, new LifecycleDates(a.negotiationStartedOn, a.signedOn, a.ratifiedOn, a.inForceOn,
                        a.suspendedOn, a.endDate, a.terminatedOn),
                a.terminationReason, a.createdAt, a.updatedAt, a.version);
    }

    /** 43200.000 from numeric(20,3) as 43200, so a quantity reads the same before and after it was stored. */
    static java.math.BigDecimal plain(java.math.BigDecimal v) {
        java.math.BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    public ProjectView project(Project p) {
        return new ProjectView(p.id, p.agreementId, p.name, p.sector,
                new Location(p.country, p.region, p.latitude, p.longitude),
                p.costAmount == null ? null : new Money(plain(p.costAmount), p.costCurrency),
                p.capacityValue == null ? null : new Capacity(plain(p.capacityValue), p.capacityUnit), p.corridor, p.status,
                p.designations.stream().sorted((x, y) -> x.country.compareTo(y.country))
                        .map(d -> new DesignationView(d.country, d.designation, d.designatedOn, d.note)).toList(),
                p.decision == null ? null : new DecisionView(p.decision, p.decidedOn, p.minutesReference),
                p.prioritised(), p.createdAt, p.updatedAt, p.version);
    }
}
