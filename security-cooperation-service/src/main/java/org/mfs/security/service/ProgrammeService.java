package org.mfs.security.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.mfs.platform.api.Versions;
import org.mfs.platform.history.FieldChange;
import org.mfs.platform.history.History;
import org.mfs.platform.history.Revision;
import org.mfs.platform.json.Json;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;
import org.mfs.security.Classification;
import org.mfs.security.Programme;
import org.mfs.security.ProgrammeLifecycle;
import org.mfs.security.ProgrammeStatus;
import org.mfs.security.events.ProgrammeEvents;
import org.mfs.security.repository.ReadModels;
import org.mfs.security.rest.ProgrammeDtos.CreateProgramme;
import org.mfs.security.rest.ProgrammeDtos.PatchProgramme;
import org.mfs.security.rest.ProgrammeDtos.ProgrammeView;
import org.mfs.security.rest.ProgrammeDtos.TargetRegion;
import org.mfs.security.rest.ProgrammeDtos.TransitionRequest;

/** Use cases of the programme itself; each write, its events and its history revision commit together. */
@ApplicationScoped
public class ProgrammeService {

    public static final String AGGREGATE = "programme";
    private static final Set<String> AGREEMENT_ENDED = Set.of("TERMINATED", "EXPIRED");
    private static final Set<String> AGREEMENT_NOT_IN_FORCE = Set.of("SUSPENDED", "TERMINATED", "EXPIRED");

    private final EntityManager em;
    private final ProgrammeEvents events;
    private final History history;
    private final Views views;
    private final Json json;
    private final ReadModels readModels;
    private final Audience audience;

    public ProgrammeService(EntityManager em, ProgrammeEvents events, History history, Views views, Json json,
            ReadModels readModels, Audience audience) {
        this.em = em;
        this.events = events;
        this.history = history;
        this.views = views;
        this.json = json;
        this.readModels = readModels;
        this.audience = audience;
    }

    @Transactional
    public Programme create(CreateProgramme r, boolean demo) {
        Programme p = new Programme();
        p.id = UUID.randomUUID();
        p.status = ProgrammeStatus.PLANNED;
        p.referenceCode = r.referenceCode() != null ? r.referenceCode()
                : "SCP-" + p.id.toString().replace("-", "").substring(0, 12).toUpperCase();
        checkReferenceUnique(p.referenceCode, p.id);
        apply(p, r);
        audience.requireEditorOf(p.providerCountry, p.recipientCountry);
        requireEntitled(p);
        p.demo = demo;
        p.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        p.updatedAt = p.createdAt;
        em.persist(p);
        em.flush();
        history.record(AGGREGATE, p.id.toString(), audience.actor(), "created", views.programme(p), null);
        events.created(p, views.regions(p));
        return p;
    }

    /** PUT: replaces every editable field. */
    @Transactional
    public Programme replace(UUID id, String ifMatch, CreateProgramme r) {
        Programme p = visible(id, true);
        audience.requireEditorOf(p.providerCountry, p.recipientCountry);
        Versions.requireMatch(ifMatch, p.version);
        String reference = r.referenceCode() != null ? r.referenceCode() : p.referenceCode;
        checkReferenceUnique(reference, p.id);
        apply(p, r);
        p.referenceCode = reference;
        return updated(p, "replaced");
    }

    /** PATCH: changes the fields present. */
    @Transactional
    public Programme patch(UUID id, String ifMatch, PatchProgramme x) {
        Programme p = visible(id, true);
        audience.requireEditorOf(p.providerCountry, p.recipientCountry);
        Versions.requireMatch(ifMatch, p.version);
        ProgrammeView v = views.programme(p);
        CreateProgramme merged = new CreateProgramme(x.referenceCode() != null ? x.referenceCode() : p.referenceCode,
                x.title() != null ? x.title() : p.title,
                x.providerCountry() != null ? x.providerCountry() : p.providerCountry,
                x.recipientCountry() != null ? x.recipientCountry() : p.recipientCountry,
                x.agreementId() != null ? x.agreementId() : p.agreementId,
                x.category() != null ? x.category() : p.category,
                x.objectives() != null ? x.objectives() : p.objectives,
                x.startDate() != null ? x.startDate() : p.startDate,
                x.endDate() != null ? x.endDate() : p.endDate,
                x.classification() != null ? x.classification() : p.classification,
                x.targetRegions() != null ? x.targetRegions() : v.targetRegions(),
                x.sources() != null ? x.sources() : v.sources());
        checkReferenceUnique(merged.referenceCode(), p.id);
        apply(p, merged);
        p.referenceCode = merged.referenceCode();
        return updated(p, "patched");
    }

    private Programme updated(Programme p, String operation) {
        audience.requireEditorOf(p.providerCountry, p.recipientCountry);
        requireEntitled(p);
        p.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.flush();
        List<String> changed = history.record(AGGREGATE, p.id.toString(), audience.actor(), operation, views.programme(p), null);
        events.updated(p, views.regions(p), changed, audience.actor());
        return p;
    }

    /** Validates everything first (queries before any change, so no flush sees a half-applied change), then applies. */
    private void apply(Programme p, CreateProgramme r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.providerCountry().equals(r.recipientCountry())) {
            throw ProblemException.invalid("recipientCountry", "must differ from providerCountry");
        }
        if (r.startDate() != null && r.endDate() != null && r.endDate().isBefore(r.startDate())) {
            throw ProblemException.invalid("endDate", "must not be before startDate " + r.startDate());
        }
        Checks.sources("sources", r.sources());
        if (r.agreementId() != null && !r.agreementId().equals(p.agreementId)) {
            String status = readModels.agreementStatus(r.agreementId()).orElseThrow(() -> new ProblemException(422,
                    "unknown-agreement", "Unknown agreement", "agreement " + r.agreementId()
                            + " is not known to this service (from agreements-service's agreements.agreement.v1 events)",
                    List.of(new Problem.FieldError("agreementId", "unknown agreement"))));
            if (AGREEMENT_ENDED.contains(status)) {
                throw new ProblemException(422, "agreement-ended", "Agreement has ended", "agreement " + r.agreementId()
                        + " is " + status + "; a programme cannot be linked to it",
                        List.of(new Problem.FieldError("agreementId", "agreement is " + status)));
            }
        }
        List<TargetRegion> regions = new ArrayList<>();
        List<TargetRegion> given = r.targetRegions() == null ? List.of() : r.targetRegions();
        Set<UUID> siteIds = new LinkedHashSet<>();
        given.forEach(t -> siteIds.addAll(t.siteIds() == null ? List.of() : t.siteIds()));
        Set<UUID> known = readModels.knownSites(siteIds);
        for (int i = 0; i < given.size(); i++) {
            TargetRegion t = given.get(i);
            List<UUID> ids = t.siteIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(t.siteIds()));
            for (int j = 0; j < ids.size(); j++) {
                if (!known.contains(ids.get(j))) {
                    errors.add(new Problem.FieldError("targetRegions[" + i + "].siteIds[" + j + "]",
                            "unknown site " + ids.get(j) + " (not among minerals-service's sites)"));
                }
            }
            regions.add(new TargetRegion(t.country(), t.region().strip(), ids));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "unknown-site", "Unknown site", errors.size() + " site ids are unknown", errors);
        }
        p.title = r.title().strip();
        p.providerCountry = r.providerCountry();
        p.recipientCountry = r.recipientCountry();
        p.agreementId = r.agreementId();
        p.category = r.category();
        p.objectives = r.objectives() == null ? "" : r.objectives().strip();
        p.startDate = r.startDate();
        p.endDate = r.endDate();
        p.classification = r.classification() == null ? Classification.PUBLIC : r.classification();
        p.targetRegions = json.write(regions);
        p.sources = json.write(r.sources() == null ? List.of() : r.sources());
    }

    /** A caller may record only programmes it is entitled to see (it would otherwise lose sight of its own write). */
    private void requireEntitled(Programme p) {
        if (!audience.canSee(p.classification, p.providerCountry, p.recipientCountry)) {
            throw new ProblemException(403, "classification-not-entitled", "Not entitled to this classification",
                    "a " + p.classification + " programme can be recorded only by a caller whose partner country is its "
                            + "provider or recipient and whose clearance is at least " + p.classification,
                    List.of(new Problem.FieldError("classification", "above what the caller may see")));
        }
    }

    private void checkReferenceUnique(String reference, UUID id) {
        Number n = (Number) em.createNativeQuery("select count(*) from programme where reference_code = :c and id <> :id")
                .setParameter("c", reference).setParameter("id", id).getSingleResult();
        if (n.longValue() > 0) {
            throw new ProblemException(409, "duplicate-reference-code", "Reference code already used",
                    "another programme already has reference code " + reference,
                    List.of(new Problem.FieldError("referenceCode", "already used by another programme")));
        }
    }

    /** An explicit lifecycle step by a user; an illegal one is a 409 naming the allowed steps. */
    @Transactional
    public Programme transition(UUID id, TransitionRequest r) {
        Programme p = visible(id, true);
        audience.requireEditorOf(p.providerCountry, p.recipientCountry);
        ProgrammeStatus from = p.status;
        if (!ProgrammeLifecycle.allowed(from, r.to())) {
            Set<ProgrammeStatus> allowed = ProgrammeLifecycle.allowedFrom(from);
            throw new ProblemException(409, "illegal-transition", "Illegal lifecycle transition",
                    "a programme in status " + from + " cannot move to " + r.to() + "; allowed: "
                            + (allowed.isEmpty() ? "none (" + from + " is final)" : allowed),
                    List.of(new Problem.FieldError("to", "allowed from " + from + ": " + allowed)));
        }
        String reason = r.reason() == null || r.reason().isBlank() ? null : r.reason().strip();
        if ((r.to() == ProgrammeStatus.ON_HOLD || r.to() == ProgrammeStatus.CANCELLED) && reason == null) {
            throw ProblemException.invalid("reason", "a reason is required to move to " + r.to());
        }
        if (r.to() == ProgrammeStatus.ACTIVE && p.agreementId != null) {
            String status = readModels.agreementStatus(p.agreementId).orElse("UNKNOWN");
            if (AGREEMENT_NOT_IN_FORCE.contains(status)) {
                throw ProblemException.conflict("agreement-not-in-force", "the programme's agreement " + p.agreementId
                        + " is " + status + "; the programme can become ACTIVE again once the agreement is back in force");
            }
        }
        return changeStatus(p, r.to(), reason, null, audience.actor());
    }

    /** Sets the status, records the revision and publishes; {@code triggeringEventId} is set by the agreement rule. */
    public Programme changeStatus(Programme p, ProgrammeStatus to, String reason, String triggeringEventId, String actor) {
        ProgrammeStatus from = p.status;
        p.status = to;
        p.statusReason = reason;
        p.heldByEvent = to == ProgrammeStatus.ON_HOLD ? triggeringEventId : null;
        p.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.flush();
        List<FieldChange> extra = new ArrayList<>();
        if (triggeringEventId != null) {
            extra.add(FieldChange.of("triggeringEvent", null, triggeringEventId));
        }
        history.record(AGGREGATE, p.id.toString(), actor, "status " + from + " -> " + to, views.programme(p), extra);
        events.statusChanged(p, from, reason, triggeringEventId, actor);
        return p;
    }

    /** The programme if the caller may see it, else 404 (also when it does not exist). */
    public Programme visible(UUID id, boolean lockForWrite) {
        Programme p = lockForWrite ? em.find(Programme.class, id, LockModeType.PESSIMISTIC_WRITE) : em.find(Programme.class, id);
        if (p == null) {
            throw ProblemException.notFound("programme", id);
        }
        audience.requireVisible(p.classification, p.providerCountry, p.recipientCountry, id);
        return p;
    }

    public ProgrammeView asOf(UUID id, Instant at) {
        visible(id, false);
        ProgrammeView v = history.asOf(AGGREGATE, id.toString(), at, ProgrammeView.class)
                .orElseThrow(() -> new ProblemException(404, "not-found", "Resource not found",
                        "programme " + id + " was not yet recorded at " + at, null));
        audience.requireVisible(v.classification(), v.providerCountry(), v.recipientCountry(), id);
        return v;
    }

    public List<Revision> history(UUID id) {
        visible(id, false);
        return history.revisions(AGGREGATE, id.toString());
    }
}
