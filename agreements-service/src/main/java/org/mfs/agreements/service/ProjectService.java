package org.mfs.agreements.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.mfs.agreements.Agreement;
import org.mfs.agreements.Project;
import org.mfs.agreements.ProjectStatus;
import org.mfs.agreements.events.AgreementEvents;
import org.mfs.agreements.rest.AgreementDtos.FieldChange;
import org.mfs.agreements.rest.ProjectDtos.CreateProject;
import org.mfs.agreements.rest.ProjectDtos.DecisionRequest;
import org.mfs.agreements.rest.ProjectDtos.DesignateRequest;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;

/** Projects under an agreement and their bilateral prioritisation. */
@ApplicationScoped
public class ProjectService {

    private final AgreementService agreements;
    private final AgreementEvents events;
    private final History history;
    private final EntityManager em;

    public ProjectService(AgreementService agreements, AgreementEvents events, History history, EntityManager em) {
        this.agreements = agreements;
        this.events = events;
        this.history = history;
        this.em = em;
    }

    @Transactional
    public Project add(UUID agreementId, CreateProject r) {
        Agreement a = agreements.getForWrite(agreementId);
        Project p = new Project();
        p.id = UUID.randomUUID();
        p.agreementId = a.id;
        p.name = r.name().strip();
        p.sector = r.sector();
        p.country = r.location().country();
        p.region = r.location().region();
        p.latitude = r.location().latitude();
        p.longitude = r.location().longitude();
        if ((p.latitude == null) != (p.longitude == null)) {
            throw ProblemException.invalid("location", "give both latitude and longitude, or neither");
        }
        if (r.estimatedCost() != null) {
            p.costAmount = r.estimatedCost().amount();
            p.costCurrency = r.estimatedCost().currency();
            if (!isCurrency(p.costCurrency)) {
                throw ProblemException.invalid("estimatedCost.currency", "not an ISO 4217 currency: " + p.costCurrency);
            }
        }
        if (r.capacity() != null) {
            p.capacityValue = r.capacity().value();
            p.capacityUnit = r.capacity().unit().strip();
        }
        p.corridor = r.corridor() == null || r.corridor().isBlank() ? null : r.corridor().strip();
        p.status = r.status() == null ? ProjectStatus.PROPOSED : r.status();
        p.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        p.updatedAt = p.createdAt;
        em.persist(p);
        history.record(a, "project added", List.of(new FieldChange("projects[" + p.id + "]", null, p.name)));
        events.projectAdded(p);
        return p;
    }

    private static boolean isCurrency(String code) {
        try {
            java.util.Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public Project get(UUID agreementId, UUID projectId) {
        Project p = em.find(Project.class, projectId);
        if (p == null || !p.agreementId.equals(agreementId)) {
            agreements.get(agreementId);
            throw ProblemException.notFound("project", projectId);
        }
        return p;
    }

    public List<Project> list(UUID agreementId, boolean prioritisedOnly) {
        agreements.get(agreementId);
        return em.createQuery("select distinct p from Project p where p.agreementId = :a"
                + (prioritisedOnly ? " and p.decision = org.mfs.agreements.DecisionOutcome.APPROVED" : "")
                + " order by p.createdAt, p.id", Project.class).setParameter("a", agreementId).getResultList();
    }

    /** A party designates the project (host: strategic, partner: critical); only a party may. */
    @Transactional
    public Project designate(UUID agreementId, UUID projectId, String country, DesignateRequest r) {
        Agreement a = agreements.getForWrite(agreementId);
        Project p = get(agreementId, projectId);
        if (!a.isParty(country)) {
            throw new ProblemException(422, "not-a-party", "Not a party to the agreement",
                    country + " is not a party to agreement " + a.referenceCode + "; only its parties "
                            + a.parties.stream().map(x -> x.country).toList() + " may designate its projects",
                    List.of(new Problem.FieldError("country", "not a party to the agreement")));
        }
        Project.PartyDesignation previous = p.designations.stream().filter(d -> d.country.equals(country)).findFirst()
                .orElse(null);
        Project.PartyDesignation d = new Project.PartyDesignation(country, r.designation(), r.on(),
                r.note() == null || r.note().isBlank() ? null : r.note().strip());
        if (previous != null) {
            p.designations.remove(previous);
        }
        p.designations.add(d);
        p.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        history.record(a, "project designated", List.of(new FieldChange("projects[" + p.id + "].designations." + country,
                previous == null ? null : previous.designation, r.designation())));
        events.projectDesignated(p, d);
        return p;
    }

    /** The joint committee's decision; an approved project is prioritised. */
    @Transactional
    public Project decide(UUID agreementId, UUID projectId, DecisionRequest r) {
        Agreement a = agreements.getForWrite(agreementId);
        Project p = get(agreementId, projectId);
        var previous = p.decision;
        p.decision = r.outcome();
        p.decidedOn = r.on();
        p.minutesReference = r.minutesReference().strip();
        p.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        history.record(a, "project decided",
                List.of(new FieldChange("projects[" + p.id + "].decision", previous, r.outcome())));
        events.projectDecided(p);
        return p;
    }
}
