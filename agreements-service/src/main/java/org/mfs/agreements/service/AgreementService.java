package org.mfs.agreements.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.mfs.agreements.Agreement;
import org.mfs.agreements.AgreementStatus;
import org.mfs.agreements.Lifecycle;
import org.mfs.agreements.Party;
import org.mfs.agreements.Visibility;
import org.mfs.agreements.events.AgreementEvents;
import org.mfs.agreements.repository.AgreementRepository;
import org.mfs.agreements.repository.CommodityRepository;
import org.mfs.agreements.rest.AgreementDtos.AgreementView;
import org.mfs.agreements.rest.AgreementDtos.CreateAgreement;
import org.mfs.agreements.rest.AgreementDtos.FieldChange;
import org.mfs.agreements.rest.AgreementDtos.PartyBody;
import org.mfs.agreements.rest.AgreementDtos.PatchAgreement;
import org.mfs.agreements.rest.AgreementDtos.RevisionView;
import org.mfs.agreements.rest.AgreementDtos.TransitionRequest;
import org.mfs.platform.api.Versions;
import org.mfs.platform.json.Json;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.security.Caller;

/** Use cases of the agreement aggregate; each write, its event and its history revision commit together. */
@ApplicationScoped
public class AgreementService {

    private final AgreementRepository agreements;
    private final CommodityRepository commodities;
    private final AgreementEvents events;
    private final History history;
    private final Json json;
    private final EntityManager em;
    private final AgreementAccess access;

    public AgreementService(AgreementRepository agreements, CommodityRepository commodities, AgreementEvents events,
            History history, Json json, EntityManager em, AgreementAccess access) {
        this.access = access;
        this.agreements = agreements;
        this.commodities = commodities;
        this.events = events;
        this.history = history;
        this.json = json;
        this.em = em;
    }

    @Transactional
    public Agreement create(CreateAgreement request) {
        access.requireCreate(request.parties().stream().map(PartyBody::country).toList());
        Agreement a = new Agreement();
        a.id = UUID.randomUUID();
        a.status = AgreementStatus.DRAFT;
        a.referenceCode = request.referenceCode() != null ? request.referenceCode()
                : "AGR-" + a.id.toString().replace("-", "").substring(0, 12).toUpperCase();
        apply(a, request);
        a.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        a.updatedAt = a.createdAt;
        history.insertCreated(a);
        events.created(a);
        return a;
    }

    /** PUT: replaces every editable field. */
    @Transactional
    public Agreement replace(UUID id, String ifMatch, CreateAgreement request) {
        Agreement a = getForWrite(id);
        access.requireEdit(a);
        Versions.requireMatch(ifMatch, a.version);
        apply(a, request);
        access.requireStillParty(a);
        if (request.referenceCode() != null) {
            a.referenceCode = request.referenceCode();
        }
        return updated(a, "replaced");
    }

    /** PATCH: changes the fields present. */
    @Transactional
    public Agreement patch(UUID id, String ifMatch, PatchAgreement p) {
        Agreement a = getForWrite(id);
        access.requireEdit(a);
        Versions.requireMatch(ifMatch, a.version);
        CreateAgreement merged = new CreateAgreement(
                p.title() != null ? p.title() : a.title,
                p.type() != null ? p.type() : a.type,
                p.parties() != null ? p.parties() : a.parties.stream().map(x -> new PartyBody(x.country, x.role)).toList(),
                null,
                p.summary() != null ? p.summary() : a.summary,
                p.coveredMinerals() != null ? p.coveredMinerals() : List.of(a.coveredMinerals),
                p.components() != null ? p.components() : null,
                p.preconditions() != null ? p.preconditions() : null,
                p.sourceDocuments() != null ? p.sourceDocuments() : null,
                p.visibility() != null ? p.visibility() : a.visibility);
        String components = a.components;
        String preconditions = a.preconditions;
        String documents = a.sourceDocuments;
        apply(a, merged);
        access.requireStillParty(a);
        if (p.components() == null) {
            a.components = components;
        }
        if (p.preconditions() == null) {
            a.preconditions = preconditions;
        }
        if (p.sourceDocuments() == null) {
            a.sourceDocuments = documents;
        }
        if (p.referenceCode() != null) {
            a.referenceCode = p.referenceCode();
        }
        return updated(a, "patched");
    }

    private Agreement updated(Agreement a, String operation) {
        // every change before the first query: a query flushes, and each flush of a dirty entity bumps its version
        a.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        checkReferenceUnique(a);
        List<String> changed = history.record(a, operation, null);
        events.updated(a, changed, Caller.currentActor());
        return a;
    }

    /** Validates (queries first, so no flush sees a half-applied change), then applies the request to the entity. */
    private void apply(Agreement a, CreateAgreement r) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < r.parties().size(); i++) {
            PartyBody p = r.parties().get(i);
            if (!seen.add(p.country())) {
                throw ProblemException.invalid("parties[" + i + "].country",
                        "country " + p.country() + " is listed twice; each country is one party");
            }
        }
        List<String> minerals = r.coveredMinerals() == null ? List.of() : r.coveredMinerals();
        if (new HashSet<>(minerals).size() != minerals.size()) {
            throw ProblemException.invalid("coveredMinerals", "a commodity is listed twice");
        }
        Set<String> known = commodities.known(minerals);
        List<Problem.FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < minerals.size(); i++) {
            if (!known.contains(minerals.get(i))) {
                unknown.add(new Problem.FieldError("coveredMinerals[" + i + "]",
                        "unknown commodity code " + minerals.get(i) + " (not in minerals-service's catalogue)"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException(422, "unknown-commodity", "Unknown commodity",
                    unknown.stream().map(Problem.FieldError::message).collect(Collectors.joining("; ")), unknown);
        }
        if (a.id != null && a.createdAt == null && r.referenceCode() != null) {
            // a create with a chosen code; a generated one (48 random bits) is left to the unique constraint, whose
            // violation is a 409 problem too (ProblemMappers), saving a query per create (ADR 0017)
            checkReferenceUnique(a);
        }
        a.title = r.title().strip();
        a.type = r.type();
        a.setParties(r.parties().stream().map(p -> new Party(p.country(), p.role())).toList());
        a.summary = r.summary() == null ? "" : r.summary().strip();
        a.coveredMinerals = minerals.toArray(String[]::new);
        a.components = json.write(r.components() == null ? List.of() : r.components());
        a.preconditions = json.write(r.preconditions() == null ? List.of() : r.preconditions());
        a.sourceDocuments = json.write(r.sourceDocuments() == null ? List.of() : r.sourceDocuments());
        a.visibility = r.visibility() == null ? Visibility.PUBLIC : r.visibility();
    }

    private void checkReferenceUnique(Agreement a) {
        Number n = (Number) em.createNativeQuery("select count(*) from agreement where reference_code = :c and id <> :id")
                .setParameter("c", a.referenceCode).setParameter("id", a.id).getSingleResult();
        if (n.longValue() > 0) {
            throw new ProblemException(409, "duplicate-reference-code", "Reference code already used",
                    "another agreement already has reference code " + a.referenceCode,
                    List.of(new Problem.FieldError("referenceCode", "already used by another agreement")));
        }
    }

    /** An explicit lifecycle step; an illegal one is a 409 naming the allowed steps. */
    @Transactional
    public Agreement transition(UUID id, TransitionRequest r) {
        Agreement a = getForWrite(id);
        access.requireEdit(a);
        AgreementStatus from = a.status;
        if (!Lifecycle.allowed(from, r.to())) {
            Set<AgreementStatus> allowed = Lifecycle.allowedFrom(from);
            throw new ProblemException(409, "illegal-transition", "Illegal lifecycle transition",
                    "an agreement in status " + from + " cannot move to " + r.to() + "; allowed: "
                            + (allowed.isEmpty() ? "none (" + from + " is final)" : allowed),
                    List.of(new Problem.FieldError("to", "allowed from " + from + ": " + allowed)));
        }
        String reason = r.reason() == null || r.reason().isBlank() ? null : r.reason().strip();
        if ((r.to() == AgreementStatus.TERMINATED || r.to() == AgreementStatus.SUSPENDED) && reason == null) {
            throw ProblemException.invalid("reason", "a reason is required to move to " + r.to());
        }
        LocalDate latest = latestMilestone(a);
        if (latest != null && r.on().isBefore(latest)) {
            throw ProblemException.unprocessable("on", "must not be before the agreement's previous step on " + latest);
        }
        switch (r.to()) {
            case UNDER_NEGOTIATION -> a.negotiationStartedOn = r.on();
            case SIGNED -> a.signedOn = r.on();
            case RATIFIED -> a.ratifiedOn = r.on();
            case IN_FORCE -> {
                if (from == AgreementStatus.SUSPENDED) {
                    a.suspendedOn = null;
                } else {
                    a.inForceOn = r.on();
                }
            }
            case SUSPENDED -> a.suspendedOn = r.on();
            case TERMINATED -> {
                a.terminatedOn = r.on();
                a.terminationReason = reason;
            }
            case EXPIRED -> a.endDate = r.on();
            default -> throw new IllegalStateException("no step to " + r.to());
        }
        a.status = r.to();
        a.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        history.record(a, "status " + from + " -> " + r.to(),
                reason == null || r.to() == AgreementStatus.TERMINATED ? null
                        : List.of(new FieldChange("reason", null, reason)));
        events.statusChanged(a, from, r.on(), reason, Caller.currentActor());
        return a;
    }

    private static LocalDate latestMilestone(Agreement a) {
        return java.util.stream.Stream.of(a.negotiationStartedOn, a.signedOn, a.ratifiedOn, a.inForceOn, a.suspendedOn)
                .filter(Objects::nonNull).max(LocalDate::compareTo).orElse(null);
    }

    /** The agreement, 404 when it does not exist or the caller may not see it. */
    public Agreement get(UUID id) {
        return access.visible(agreements.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("agreement", id)));
    }

    /**
     * The agreement for a write to its aggregate (the agreement itself, its projects, designations, decisions,
     * obligations and reports): takes its row lock first, then loads it, so concurrent writes to one agreement run
     * one after another and each records history and the stored view from the state the previous one committed.
     * {@code FOR NO KEY UPDATE} still lets other transactions insert rows that reference the agreement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Agreement getForWrite(UUID id) {
        if (em.createNativeQuery("select 1 from agreement where id = :id for no key update").setParameter("id", id)
                .getResultList().isEmpty()) {
            throw ProblemException.notFound("agreement", id);
        }
        Agreement a = get(id);
        em.refresh(a);
        return a;
    }

    /** As it stood at {@code at}: visible now and, as it was then, to this caller. */
    public AgreementView asOf(UUID id, Instant at) {
        get(id);
        return history.asOf(id, at).filter(v -> access.canSee(v)).orElseThrow(() -> new ProblemException(404, "not-found",
                "Resource not found", "agreement " + id + " was not yet recorded at " + at, null));
    }

    public List<RevisionView> history(UUID id) {
        get(id);
        return history.revisions(id);
    }
}
