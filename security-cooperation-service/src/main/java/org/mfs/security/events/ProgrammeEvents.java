package org.mfs.security.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.platform.outbox.OutboxWriter;
import org.mfs.security.Category;
import org.mfs.security.Classification;
import org.mfs.security.Direction;
import org.mfs.security.Programme;
import org.mfs.security.ProgrammeStatus;
import org.mfs.security.rest.ProgrammeDtos.TargetRegion;

/**
 * Events of the programme aggregate (the programme, its budget lines, disbursements and indicators), through the
 * outbox, key = programme id. A PUBLIC programme's events go to {@value #TOPIC}. A RESTRICTED or CONFIDENTIAL
 * programme's events go to {@value #RESTRICTED_TOPIC} (which operators protect with ACLs), and {@value #TOPIC} gets
 * only a {@code programme.restricted-change.v1} notice with the id, the classification and the kind of change.
 */
@ApplicationScoped
public class ProgrammeEvents {

    public static final String TOPIC = "security-cooperation.programme.v1";
    public static final String RESTRICTED_TOPIC = "security-cooperation.programme-restricted.v1";
    public static final String AGGREGATE = "programme";
    public static final String RESTRICTED_AGGREGATE = "programme-restricted";

    private final OutboxWriter outbox;

    public ProgrammeEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    private void publish(Programme p, String changeType, String type, Object payload) {
        String id = p.id.toString();
        if (p.classification == Classification.PUBLIC) {
            outbox.append(TOPIC, AGGREGATE, id, type, payload);
            return;
        }
        outbox.append(RESTRICTED_TOPIC, RESTRICTED_AGGREGATE, id, type, payload);
        outbox.append(TOPIC, AGGREGATE, id, RestrictedChange.TYPE, new RestrictedChange(id, p.classification, changeType));
    }

    public void created(Programme p, List<TargetRegion> regions) {
        publish(p, "created", ProgrammeCreated.TYPE, ProgrammeCreated.of(p, regions));
    }

    public void updated(Programme p, List<TargetRegion> regions, List<String> changedFields, String actor) {
        publish(p, "updated", ProgrammeUpdated.TYPE, new ProgrammeUpdated(ProgrammeCreated.of(p, regions), changedFields, actor));
    }

    public void statusChanged(Programme p, ProgrammeStatus from, String reason, String triggeringEventId, String actor) {
        publish(p, "status-changed", ProgrammeStatusChanged.TYPE, new ProgrammeStatusChanged(p.id.toString(),
                p.referenceCode, from, p.status, reason, triggeringEventId != null, triggeringEventId, p.updatedAt, actor));
    }

    public void budgetSet(Programme p, BudgetSet payload) {
        publish(p, "budget-set", BudgetSet.TYPE, payload);
    }

    public void disbursementRecorded(Programme p, DisbursementRecorded payload) {
        publish(p, "disbursement-recorded", DisbursementRecorded.TYPE, payload);
    }

    public void indicatorAdded(Programme p, IndicatorAdded payload) {
        publish(p, "indicator-added", IndicatorAdded.TYPE, payload);
    }

    public void indicatorReported(Programme p, IndicatorReported payload) {
        publish(p, "indicator-reported", IndicatorReported.TYPE, payload);
    }

    /** Payload of {@code programme.created.v1}: the programme's state. */
    public record ProgrammeCreated(String programmeId, String referenceCode, String title, String providerCountry,
            String recipientCountry, String agreementId, Category category, ProgrammeStatus status,
            Classification classification, LocalDate startDate, LocalDate endDate, List<TargetRegion> targetRegions,
            long version, Instant updatedAt) {

        public static final String TYPE = "programme.created.v1";

        static ProgrammeCreated of(Programme p, List<TargetRegion> regions) {
            return new ProgrammeCreated(p.id.toString(), p.referenceCode, p.title, p.providerCountry, p.recipientCountry,
                    p.agreementId == null ? null : p.agreementId.toString(), p.category, p.status, p.classification,
                    p.startDate, p.endDate, regions, p.version, p.updatedAt);
        }
    }

    /** Payload of {@code programme.updated.v1}: the state after a PUT or PATCH and which fields changed. */
    public record ProgrammeUpdated(ProgrammeCreated programme, List<String> changedFields, String actor) {
        public static final String TYPE = "programme.updated.v1";
    }

    /** Payload of {@code programme.status-changed.v1}; automatic when the agreement rule made the change. */
    public record ProgrammeStatusChanged(String programmeId, String referenceCode, ProgrammeStatus from,
            ProgrammeStatus to, String reason, boolean automatic, String triggeringEventId, Instant changedAt,
            String actor) {
        public static final String TYPE = "programme.status-changed.v1";
    }

    /** Payload of {@code programme.budget-set.v1}. */
    public record BudgetSet(String programmeId, String budgetLineId, int fiscalYear, BigDecimal amount,
            String currency, BigDecimal disbursed, String sourceTitle, Instant setAt, String actor) {
        public static final String TYPE = "programme.budget-set.v1";
    }

    /** Payload of {@code programme.disbursement-recorded.v1}. */
    public record DisbursementRecorded(String programmeId, String disbursementId, String budgetLineId, int fiscalYear,
            LocalDate disbursedOn, BigDecimal amount, String currency, String purpose, BigDecimal remaining,
            String sourceTitle, Instant recordedAt, String actor) {
        public static final String TYPE = "programme.disbursement-recorded.v1";
    }

    /** Payload of {@code programme.indicator-added.v1}. */
    public record IndicatorAdded(String programmeId, String indicatorId, String name, String unit, BigDecimal baseline,
            BigDecimal target, Direction direction) {
        public static final String TYPE = "programme.indicator-added.v1";
    }

    /** Payload of {@code programme.indicator-reported.v1}. */
    public record IndicatorReported(String programmeId, String indicatorId, String reportId, LocalDate periodEnd,
            BigDecimal value, BigDecimal progressPercent, String sourceTitle) {
        public static final String TYPE = "programme.indicator-reported.v1";
    }

    /** Payload of {@code programme.restricted-change.v1} on the general topic: that something changed, nothing more. */
    public record RestrictedChange(String programmeId, Classification classification, String changeType) {
        public static final String TYPE = "programme.restricted-change.v1";
    }

    static String id(UUID id) {
        return id == null ? null : id.toString();
    }
}
