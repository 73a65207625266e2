package org.mfs.platform.consumer;

import java.util.OptionalLong;

/**
 * One CloudEvent read from Kafka (binary mode: {@code ce_*} headers, JSON payload), as a handler receives it.
 *
 * @param topic     the topic it was read from
 * @param partition its partition
 * @param offset    its offset
 * @param id        {@code ce_id} (falls back to {@code topic/partition/offset} when the header is missing)
 * @param source    {@code ce_source}, or null
 * @param type      {@code ce_type}, or null
 * @param subject   {@code ce_subject} (the aggregate id), falling back to the record key, or null
 * @param sequence  {@code ce_sequence}, the per-aggregate order of the producer (empty when absent)
 * @param key       the record key, or null
 * @param payload   the record value as UTF-8 text, or null
 */
public record InboundEvent(String topic, int partition, long offset, String id, String source, String type,
        String subject, OptionalLong sequence, String key, String payload) {

    /** Where the record was read, {@code topic/partition/offset}. */
    public String position() {
        return topic + "/" + partition + "/" + offset;
    }
}
