package org.mfs.platform.outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mfs.platform.observability.EventTracing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes an event into the outbox inside the caller's transaction, so the event exists exactly when
 * the state change it describes was committed. The relay publishes it to Kafka afterwards, with the trace context
 * and correlation id of the request that caused it (ADR 16); the transaction's commit wakes the relay (ADR 0028).
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = """
            with seq as (
                insert into outbox_sequence (aggregate_type, aggregate_id, last_sequence) values (:aggType, :aggId, 1)
                on conflict (aggregate_type, aggregate_id)
                do update set last_sequence = outbox_sequence.last_sequence + 1
                returning last_sequence)
            insert into outbox_event (id, topic, aggregate_type, aggregate_id, sequence, event_type, source, occurred_at, payload,
                                      traceparent, request_id)
            select :id, :topic, :aggType, :aggId, seq.last_sequence, :type, :source, :time, cast(:payload as json),
                   cast(:traceparent as text), cast(:requestId as text) from seq
            """;

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final String source;
    private final EventTracing tracing;
    private final OutboxWakeUp wakeUp;

    public OutboxWriter(EntityManager em, ObjectMapper mapper, EventTracing tracing, OutboxWakeUp wakeUp,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.em = em;
        this.mapper = mapper;
        this.tracing = tracing;
        this.wakeUp = wakeUp;
        this.source = "/" + applicationName;
    }

    /**
     * Appends an event; must run inside the transaction that makes the state change.
     *
     * @param payload an explicit event record (a projection), never an entity
     * @return the CloudEvents id of the event
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String topic, String aggregateType, String aggregateId, String eventType, Object payload) {
        UUID id = UUID.randomUUID();
        String json;
        try {
            json = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload cannot be written as JSON: " + eventType, e);
        }
        em.createNativeQuery(INSERT)
                .setParameter("id", id)
                .setParameter("topic", topic)
                .setParameter("aggType", aggregateType)
                .setParameter("aggId", aggregateId)
                .setParameter("type", eventType)
                .setParameter("source", source)
                .setParameter("time", Instant.now().truncatedTo(ChronoUnit.MICROS))
                .setParameter("payload", json)
                // the request (or consumed event) that caused it: its trace and correlation id travel with the event
                .setParameter("traceparent", tracing.currentTraceparent())
                .setParameter("requestId", EventTracing.currentRequestId())
                .executeUpdate();
        wakeUp.afterCommitOfCurrentTransaction();
        return id;
    }
}
