package org.mfs.security.consumers;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The ids of applied events, claimed in the transaction of the effect so that each event takes effect once. */
@ApplicationScoped
public class ConsumedEvents {

    private final EntityManager em;

    public ConsumedEvents(EntityManager em) {
        this.em = em;
    }

    /** @return false when the event was applied before (the caller then changes nothing) */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(IncomingEvent e) {
        return em.createNativeQuery("""
                insert into consumed_event (event_id, topic, processed_at) values (:id, :topic, :now)
                on conflict (event_id) do nothing""")
                .setParameter("id", e.id()).setParameter("topic", e.topic())
                .setParameter("now", Instant.now().truncatedTo(ChronoUnit.MICROS)).executeUpdate() == 1;
    }
}
