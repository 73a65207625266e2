package org.mfs.agreements.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.mfs.agreements.Agreement;
import org.mfs.agreements.MonitoringReport;
import org.mfs.agreements.Obligation;
import org.mfs.agreements.ObligationStatus;
import org.mfs.agreements.events.AgreementEvents;
import org.mfs.agreements.rest.AgreementDtos.FieldChange;
import org.mfs.agreements.rest.ObligationDtos.CreateObligation;
import org.mfs.agreements.rest.ObligationDtos.CreateReport;
import org.mfs.agreements.rest.ObligationDtos.ObligationView;
import org.mfs.agreements.rest.ObligationDtos.OverdueCheckResult;
import org.mfs.agreements.rest.ObligationDtos.ReportView;
import org.mfs.agreements.rest.ObligationDtos.StatusRequest;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;

/** Obligations, their monitoring reports, and the overdue check. */
@ApplicationScoped
public class ObligationService {

    private final AgreementService agreements;
    private final AgreementEvents events;
    private final History history;
    private final EntityManager em;
    private final Clock clock = Clock.systemUTC();

    public ObligationService(AgreementService agreements, AgreementEvents events, History history, EntityManager em) {
        this.agreements = agreements;
        this.events = events;
        this.history = history;
        this.em = em;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    @Transactional
    public Obligation add(UUID agreementId, CreateObligation r) {
        Agreement a = agreements.getForWrite(agreementId);
        if (!a.isParty(r.responsibleParty())) {
            throw new ProblemException(422, "not-a-party", "Not a party to the agreement",
                    r.responsibleParty() + " is not a party to agreement " + a.referenceCode,
                    List.of(new Problem.FieldError("responsibleParty", "not a party to the agreement")));
        }
        Obligation o = new Obligation();
        o.id = UUID.randomUUID();
        o.agreementId = a.id;
        o.type = r.type();
        o.description = r.description().strip();
        o.responsibleParty = r.responsibleParty();
        o.dueDate = r.dueDate();
        o.status = ObligationStatus.PENDING;
        o.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        o.updatedAt = o.createdAt;
        em.persist(o);
        history.record(a, "obligation added", List.of(new FieldChange("obligations[" + o.id + "]", null, o.type)));
        events.obligationAdded(o);
        return o;
    }

    public Obligation get(UUID agreementId, UUID obligationId) {
        Obligation o = em.find(Obligation.class, obligationId);
        if (o == null || !o.agreementId.equals(agreementId)) {
            agreements.get(agreementId);
            throw ProblemException.notFound("obligation", obligationId);
        }
        return o;
    }

    @Transactional
    public Obligation setStatus(UUID agreementId, UUID obligationId, StatusRequest r) {
        Agreement a = agreements.getForWrite(agreementId);
        Obligation o = get(agreementId, obligationId);
        if (r.status() == ObligationStatus.OVERDUE) {
            throw ProblemException.invalid("status", "OVERDUE is derived from the due date; set PENDING, MET or WAIVED");
        }
        ObligationStatus from = o.status;
        o.status = r.status();
        o.statusChangedOn = r.on();
        o.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        history.record(a, "obligation status",
                List.of(new FieldChange("obligations[" + o.id + "].status", from, r.status())));
        events.obligationStatusChanged(o, from);
        return o;
    }

    @Transactional
    public MonitoringReport report(UUID agreementId, UUID obligationId, CreateReport r) {
        Agreement a = agreements.getForWrite(agreementId);
        Obligation o = get(agreementId, obligationId);
        MonitoringReport m = new MonitoringReport();
        m.id = UUID.randomUUID();
        m.obligationId = o.id;
        m.reportedOn = r.on();
        m.verifier = r.verifier().strip();
        m.independent = r.independent();
        m.finding = r.finding().strip();
        m.link = r.link();
        m.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.persist(m);
        history.record(a, "monitoring report", List.of(new FieldChange("obligations[" + o.id + "].reports", null,
                m.verifier + (m.independent ? " (independent)" : "") + ": " + m.finding)));
        events.monitoringReported(o, m.id, m.reportedOn, m.verifier, m.independent);
        return m;
    }

    public List<ObligationView> list(UUID agreementId) {
        agreements.get(agreementId);
        List<Obligation> all = em.createQuery("from Obligation o where o.agreementId = :a order by o.dueDate, o.createdAt, o.id",
                Obligation.class).setParameter("a", agreementId).getResultList();
        if (all.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<MonitoringReport>> reports = em.createQuery(
                "from MonitoringReport m where m.obligationId in :ids order by m.reportedOn, m.id", MonitoringReport.class)
                .setParameter("ids", all.stream().map(o -> o.id).toList()).getResultList().stream()
                .collect(Collectors.groupingBy(m -> m.obligationId));
        return all.stream().map(o -> view(o, reports.getOrDefault(o.id, List.of()))).toList();
    }

    public ObligationView view(UUID agreementId, UUID obligationId) {
        Obligation o = get(agreementId, obligationId);
        return view(o, em.createQuery("from MonitoringReport m where m.obligationId = :id order by m.reportedOn, m.id",
                MonitoringReport.class).setParameter("id", o.id).getResultList());
    }

    private ObligationView view(Obligation o, List<MonitoringReport> reports) {
        return new ObligationView(o.id, o.agreementId, o.type, o.description, o.responsibleParty, o.dueDate,
                o.effectiveStatus(today()), o.statusChangedOn,
                reports.stream().map(m -> new ReportView(m.id, m.reportedOn, m.verifier, m.independent, m.finding, m.link))
                        .toList(),
                o.createdAt, o.updatedAt, o.version);
    }

    /**
     * Emits {@code agreement.obligation-overdue.v1} once for every obligation that is pending past its due date and
     * was not yet notified (rows locked with SKIP LOCKED, so concurrent runs on several replicas notify each once).
     */
    @Transactional
    public OverdueCheckResult checkOverdue() {
        LocalDate today = today();
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                select id from obligation where status = 'PENDING' and due_date < :today and overdue_notified_at is null
                order by due_date, id limit 1000 for update skip locked""").setParameter("today", today).getResultList();
        List<UUID> notified = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (UUID id : ids) {
            Obligation o = em.find(Obligation.class, id);
            o.overdueNotifiedAt = now;
            events.obligationOverdue(o, today);
            notified.add(id);
        }
        return new OverdueCheckResult(today, notified.size(), notified);
    }
}
