package org.mfs.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.mfs.platform.observability.EventTracing;

/** One outbox row as claimed for publishing, and the CloudEvents record (Kafka binary mode) it becomes. */
record OutboxRow(UUID id, long position, String topic, String aggregateType, String aggregateId, long sequence,
        String type, String source, Instant time, String payload, String traceparent, String requestId) {

    /** The unit of order: all rows of one aggregate, whatever topic they go to. */
    String aggregateKey() {
        return aggregateType + "/" + aggregateId;
    }

    ProducerRecord<String, byte[]> toRecord() {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", id.toString());
        header(headers, "ce_source", source);
        header(headers, "ce_type", type);
        header(headers, "ce_subject", aggregateId);
        header(headers, "ce_time", time.toString());
        header(headers, "ce_sequence", Long.toString(sequence));
        header(headers, "content-type", "application/json");
        if (traceparent != null) {
            header(headers, EventTracing.TRACEPARENT_HEADER, traceparent);
        }
        if (requestId != null) {
            header(headers, EventTracing.REQUEST_ID_HEADER, requestId);
        }
        return new ProducerRecord<>(topic, null, aggregateId, payload.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
