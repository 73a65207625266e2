package org.mfs.agreements.events;

import org.mfs.agreements.Agreement;
import org.mfs.agreements.AgreementStatus;
import org.mfs.agreements.AgreementType;
import org.mfs.agreements.PartyRole;
import org.mfs.platform.outbox.OutboxWriter;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The events of the agreement aggregate, written through the outbox to {@value #TOPIC}. */
@ApplicationScoped
public class AgreementEvents {

    public static final String TOPIC = "agreements.agreement.v1";
    public static final String AGGREGATE = "agreement";

    private final OutboxWriter outbox;

    public AgreementEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void created(Agreement a) {
        outbox.append(TOPIC, AGGREGATE, a.id.toString(), AgreementCreated.TYPE, AgreementCreated.of(a));
    }

    /** Payload of {@code agreement.created.v1}; its JSON Schema is events/agreement.created.v1.json. */
    public record AgreementCreated(String agreementId, String title, AgreementType type, AgreementStatus status,
            List<PartyPayload> parties, Instant createdAt) {

        public static final String TYPE = "agreement.created.v1";

        static AgreementCreated of(Agreement a) {
            return new AgreementCreated(a.id.toString(), a.title, a.type, a.status,
                    a.parties.stream().map(p -> new PartyPayload(p.country, p.role)).toList(), a.createdAt);
        }
    }

    public record PartyPayload(String country, PartyRole role) {
    }
}
