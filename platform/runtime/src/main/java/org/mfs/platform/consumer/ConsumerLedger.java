package org.mfs.platform.consumer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Records, in the transaction of the effect, that a consumer applied an event (by id and per-aggregate sequence). */
@ApplicationScoped
class ConsumerLedger {

    /** Whether the handler should run. */
    enum Claim {
        APPLY, DUPLICATE, STALE
    }

    private final EntityManager em;

    ConsumerLedger(EntityManager em) {
        this.em = em;
    }

    /**
     * Claims the event for {@code consumer}: DUPLICATE when its id was processed already, STALE when the aggregate
     * already has this or a later sequence applied (the id is recorded then too), otherwise APPLY with the id and the
     * new last sequence written. Must run in the transaction that applies the effect.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Claim claim(String consumer, InboundEvent event) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int fresh = em.createNativeQuery("""
                insert into consumer_processed_event (consumer, event_id, topic, processed_at)
                values (:consumer, :id, :topic, :now) on conflict (consumer, event_id) do nothing""")
                .setParameter("consumer", consumer).setParameter("id", event.id()).setParameter("topic", event.topic())
                .setParameter("now", now).executeUpdate();
        if (fresh == 0) {
            return Claim.DUPLICATE;
        }
        if (event.sequence().isEmpty() || event.subject() == null) {
            return Claim.APPLY;
        }
        int advanced = em.createNativeQuery("""
                insert into consumer_sequence (consumer, topic, subject, last_sequence, updated_at)
                values (:consumer, :topic, :subject, :sequence, :now)
                on conflict (consumer, topic, subject) do update
                    set last_sequence = excluded.last_sequence, updated_at = excluded.updated_at
                    where consumer_sequence.last_sequence < excluded.last_sequence""")
                .setParameter("consumer", consumer).setParameter("topic", event.topic())
                .setParameter("subject", event.subject()).setParameter("sequence", event.sequence().getAsLong())
                .setParameter("now", now).executeUpdate();
        return advanced == 0 ? Claim.STALE : Claim.APPLY;
    }
}
