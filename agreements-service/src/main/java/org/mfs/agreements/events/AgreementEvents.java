package org.mfs.agreements.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.agreements.Agreement;
import org.mfs.agreements.AgreementStatus;
import org.mfs.agreements.AgreementType;
import org.mfs.agreements.DecisionOutcome;
import org.mfs.agreements.Designation;
import org.mfs.agreements.Obligation;
import org.mfs.agreements.ObligationStatus;
import org.mfs.agreements.ObligationType;
import org.mfs.agreements.PartyRole;
import org.mfs.agreements.Project;
import org.mfs.agreements.ProjectSector;
import org.mfs.agreements.ProjectStatus;
import org.mfs.platform.outbox.OutboxWriter;

/**
 * The events of the agreement aggregate (the agreement, its projects and its obligations), written through the
 * outbox to {@value #TOPIC}, key = agreement id, so one agreement's events arrive in order. Each payload is an
 * explicit record; its JSON Schema is events/&lt;type&gt;.json.
 */
@ApplicationScoped
public class AgreementEvents {

    public static final String TOPIC = "agreements.agreement.v1";
    public static final String AGGREGATE = "agreement";

    private final OutboxWriter outbox;

    public AgreementEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    private void append(UUID agreementId, String type, Object payload) {
        outbox.append(TOPIC, AGGREGATE, agreementId.toString(), type, payload);
    }

    public void created(Agreement a) {
        append(a.id, AgreementCreated.TYPE, AgreementCreated.of(a));
    }

    public void updated(Agreement a, List<String> changedFields, String actor) {
        append(a.id, AgreementUpdated.TYPE, new AgreementUpdated(a.id.toString(), a.referenceCode, changedFields,
                a.version, a.updatedAt, actor));
    }

    public void statusChanged(Agreement a, AgreementStatus from, LocalDate on, String reason, String actor) {
        append(a.id, AgreementStatusChanged.TYPE, new AgreementStatusChanged(a.id.toString(), a.referenceCode, from,
                a.status, on, reason, a.updatedAt, actor));
    }

    public void projectAdded(Project p) {
        append(p.agreementId, ProjectAdded.TYPE, new ProjectAdded(p.agreementId.toString(), p.id.toString(), p.name,
                p.sector, p.country, p.corridor, p.status, p.createdAt));
    }

    public void projectDesignated(Project p, Project.PartyDesignation d) {
        append(p.agreementId, ProjectDesignated.TYPE, new ProjectDesignated(p.agreementId.toString(),
                p.id.toString(), d.country, d.designation, d.designatedOn, d.note));
    }

    public void projectDecided(Project p) {
        append(p.agreementId, ProjectDecided.TYPE, new ProjectDecided(p.agreementId.toString(), p.id.toString(),
                p.decision, p.decidedOn, p.minutesReference, p.prioritised()));
    }

    public void obligationAdded(Obligation o) {
        append(o.agreementId, ObligationAdded.TYPE, new ObligationAdded(o.agreementId.toString(), o.id.toString(),
                o.type, o.description, o.responsibleParty, o.dueDate));
    }

    public void obligationStatusChanged(Obligation o, ObligationStatus from) {
        append(o.agreementId, ObligationStatusChanged.TYPE, new ObligationStatusChanged(o.agreementId.toString(),
                o.id.toString(), from, o.status, o.statusChangedOn));
    }

    public void monitoringReported(Obligation o, UUID reportId, LocalDate on, String verifier, boolean independent) {
        append(o.agreementId, MonitoringReportAdded.TYPE, new MonitoringReportAdded(o.agreementId.toString(),
                o.id.toString(), reportId.toString(), on, verifier, independent));
    }

    public void obligationOverdue(Obligation o, LocalDate detectedOn) {
        append(o.agreementId, ObligationOverdue.TYPE, new ObligationOverdue(o.agreementId.toString(), o.id.toString(),
                o.type, o.responsibleParty, o.dueDate, detectedOn));
    }

    /** Payload of {@code agreement.created.v1}. */
    public record AgreementCreated(String agreementId, String referenceCode, String title, AgreementType type,
            AgreementStatus status, List<PartyPayload> parties, List<String> coveredMinerals, Instant createdAt) {

        public static final String TYPE = "agreement.created.v1";

        static AgreementCreated of(Agreement a) {
            return new AgreementCreated(a.id.toString(), a.referenceCode, a.title, a.type, a.status,
                    a.parties.stream().map(p -> new PartyPayload(p.country, p.role)).toList(),
                    List.of(a.coveredMinerals), a.createdAt);
        }
    }

    public record PartyPayload(String country, PartyRole role) {
    }

    /** Payload of {@code agreement.updated.v1}: which fields a PUT or PATCH changed (read the agreement for values). */
    public record AgreementUpdated(String agreementId, String referenceCode, List<String> changedFields, long version,
            Instant updatedAt, String actor) {
        public static final String TYPE = "agreement.updated.v1";
    }

    /** Payload of {@code agreement.status-changed.v1}. */
    public record AgreementStatusChanged(String agreementId, String referenceCode, AgreementStatus from,
            AgreementStatus to, LocalDate on, String reason, Instant changedAt, String actor) {
        public static final String TYPE = "agreement.status-changed.v1";
    }

    /** Payload of {@code agreement.project-added.v1}. */
    public record ProjectAdded(String agreementId, String projectId, String name, ProjectSector sector,
            String country, String corridor, ProjectStatus status, Instant addedAt) {
        public static final String TYPE = "agreement.project-added.v1";
    }

    /** Payload of {@code agreement.project-designated.v1}: a party designated a project strategic or critical. */
    public record ProjectDesignated(String agreementId, String projectId, String country, Designation designation,
            LocalDate on, String note) {
        public static final String TYPE = "agreement.project-designated.v1";
    }

    /** Payload of {@code agreement.project-decided.v1}: the joint committee's decision. */
    public record ProjectDecided(String agreementId, String projectId, DecisionOutcome outcome, LocalDate on,
            String minutesReference, boolean prioritised) {
        public static final String TYPE = "agreement.project-decided.v1";
    }

    /** Payload of {@code agreement.obligation-added.v1}. */
    public record ObligationAdded(String agreementId, String obligationId, ObligationType type, String description,
            String responsibleParty, LocalDate dueDate) {
        public static final String TYPE = "agreement.obligation-added.v1";
    }

    /** Payload of {@code agreement.obligation-status-changed.v1}. */
    public record ObligationStatusChanged(String agreementId, String obligationId, ObligationStatus from,
            ObligationStatus to, LocalDate on) {
        public static final String TYPE = "agreement.obligation-status-changed.v1";
    }

    /** Payload of {@code agreement.monitoring-report-added.v1}. */
    public record MonitoringReportAdded(String agreementId, String obligationId, String reportId, LocalDate on,
            String verifier, boolean independent) {
        public static final String TYPE = "agreement.monitoring-report-added.v1";
    }

    /** Payload of {@code agreement.obligation-overdue.v1}: sent once per obligation, when it becomes overdue. */
    public record ObligationOverdue(String agreementId, String obligationId, ObligationType type,
            String responsibleParty, LocalDate dueDate, LocalDate detectedOn) {
        public static final String TYPE = "agreement.obligation-overdue.v1";
    }
}
