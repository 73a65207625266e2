package org.mfs.agreements.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.mfs.agreements.Agreement;
import org.mfs.agreements.AgreementStatus;
import org.mfs.agreements.Party;
import org.mfs.agreements.events.AgreementEvents;
import org.mfs.agreements.repository.AgreementRepository;
import org.mfs.agreements.rest.AgreementDtos.CreateAgreement;
import org.mfs.agreements.rest.AgreementDtos.PartyBody;
import org.mfs.platform.problem.ProblemException;

/** Use cases of the agreement aggregate; each write and its event commit together. */
@ApplicationScoped
public class AgreementService {

    private final AgreementRepository agreements;
    private final AgreementEvents events;

    public AgreementService(AgreementRepository agreements, AgreementEvents events) {
        this.agreements = agreements;
        this.events = events;
    }

    @Transactional
    public Agreement create(CreateAgreement request) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.parties().size(); i++) {
            PartyBody p = request.parties().get(i);
            if (!seen.add(p.country())) {
                throw ProblemException.invalid("parties[" + i + "].country",
                        "country " + p.country() + " is listed twice; each country is one party");
            }
        }
        Agreement a = new Agreement();
        a.id = UUID.randomUUID();
        a.title = request.title().strip();
        a.type = request.type();
        a.status = AgreementStatus.DRAFT;
        a.parties = new java.util.ArrayList<>(request.parties().stream().map(p -> new Party(p.country(), p.role())).toList());
        a.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        a.updatedAt = a.createdAt;
        agreements.persist(a);
        events.created(a);
        return a;
    }

    public Agreement get(UUID id) {
        return agreements.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("agreement", id));
    }

    public List<Agreement> page(int page, int size) {
        return agreements.findPage(page, size);
    }

    public long count() {
        return agreements.count();
    }
}
