package org.mfs.security.consumers;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.mfs.platform.consumer.InboundEvent;
import org.mfs.platform.consumer.UnprocessableEvent;
import org.mfs.security.Programme;
import org.mfs.security.ProgrammeStatus;
import org.mfs.security.service.ProgrammeService;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Applies agreements-service's {@code agreements.agreement.v1} events: keeps the agreement read model (latest status
 * by the events' per-agreement sequence; an older event arriving late changes nothing) and the agreement rule: when an
 * agreement becomes SUSPENDED, TERMINATED or EXPIRED its ACTIVE programmes go ON_HOLD with the reason and the
 * triggering event in their history; when it returns to IN_FORCE, exactly the programmes that rule put on hold become
 * ACTIVE again. Runs in the platform consumer's transaction ({@code org.mfs.platform.consumer}), which has already
 * skipped redeliveries and events older than the agreement's last applied {@code ce_sequence}.
 */
@ApplicationScoped
public class AgreementEventsHandler {

    public static final String TOPIC = "agreements.agreement.v1";
    public static final String DLQ = "security-cooperation.agreement-dlq.v1";
    public static final String ACTOR = "agreements-rule";
    private static final Set<String> HOLDING = Set.of("SUSPENDED", "TERMINATED", "EXPIRED");
    private static final Set<String> STATUSES = Set.of("DRAFT", "UNDER_NEGOTIATION", "SIGNED", "RATIFIED", "IN_FORCE",
            "SUSPENDED", "TERMINATED", "EXPIRED");

    private final EntityManager em;
    private final ProgrammeService programmes;

    public AgreementEventsHandler(EntityManager em, ProgrammeService programmes) {
        this.em = em;
        this.programmes = programmes;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(InboundEvent e) {
        if (e.type() == null || !e.type().startsWith("agreement.")) {
            throw new UnprocessableEvent("unexpected event type " + e.type());
        }
        long sequence = Payloads.sequence(e);
        JsonNode payload = Payloads.object(e);
        String agreementId = Payloads.text(payload, "agreementId");
        UUID id;
        try {
            id = UUID.fromString(agreementId);
        } catch (RuntimeException ex) {
            throw new UnprocessableEvent("payload has no valid agreementId: " + agreementId);
        }
        if (e.key() != null && !e.key().equals(agreementId)) {
            throw new UnprocessableEvent("record key " + e.key() + " differs from payload agreementId " + agreementId);
        }
        String status = switch (e.type()) {
            case "agreement.created.v1" -> Payloads.text(payload, "status");
            case "agreement.status-changed.v1" -> Payloads.text(payload, "to");
            default -> null;
        };
        if (status != null && !STATUSES.contains(status)) {
            throw new UnprocessableEvent("unknown agreement status " + status);
        }
        // the agreement's row, locked, so that two events of one agreement apply one after the other
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select status from agreement_ref where id = :id for update")
                .setParameter("id", id).getResultList();
        String previous = rows.isEmpty() ? null : rows.get(0);
        String reference = Payloads.text(payload, "referenceCode");
        String title = Payloads.text(payload, "title");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (rows.isEmpty()) {
            em.createNativeQuery("""
                    insert into agreement_ref (id, reference_code, title, status, last_sequence, updated_at)
                    values (:id, :ref, :title, :status, :seq, :now)""")
                    .setParameter("id", id).setParameter("ref", reference).setParameter("title", title)
                    .setParameter("status", status == null ? "DRAFT" : status).setParameter("seq", sequence)
                    .setParameter("now", now).executeUpdate();
        } else {
            em.createNativeQuery("""
                    update agreement_ref set reference_code = coalesce(:ref, reference_code), title = coalesce(:title, title),
                        status = coalesce(:status, status), last_sequence = :seq, updated_at = :now where id = :id""")
                    .setParameter("id", id).setParameter("ref", reference).setParameter("title", title)
                    .setParameter("status", status).setParameter("seq", sequence).setParameter("now", now).executeUpdate();
        }
        if (status == null || status.equals(previous)) {
            return;
        }
        String name = reference == null ? agreementId : reference;
        if (HOLDING.contains(status)) {
            String reason = "agreement " + name + " is " + status
                    + (Payloads.text(payload, "reason") == null ? "" : ": " + Payloads.text(payload, "reason"));
            for (Programme p : linked(id, ProgrammeStatus.ACTIVE)) {
                programmes.changeStatus(p, ProgrammeStatus.ON_HOLD, reason, e.id(), ACTOR);
            }
        } else if (status.equals("IN_FORCE")) {
            for (Programme p : linked(id, ProgrammeStatus.ON_HOLD)) {
                if (p.heldByEvent != null) {
                    programmes.changeStatus(p, ProgrammeStatus.ACTIVE, "agreement " + name + " is back IN_FORCE", e.id(), ACTOR);
                }
            }
        }
    }

    private List<Programme> linked(UUID agreementId, ProgrammeStatus status) {
        return em.createQuery("select p from Programme p where p.agreementId = :a and p.status = :s order by p.id", Programme.class)
                .setParameter("a", agreementId).setParameter("s", status).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }
}
