package org.mfs.platform.consumer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one consumer reads and where its failures go. Build with {@link #of(String, String...)} and the
 * {@code with...} methods, for example:
 *
 * <pre>{@code
 * ConsumerSpec.of("commodities", "minerals.commodity.v1")
 *         .withDeadLetterTopic("agreements.commodity-dlq.v1")
 *         .withSources("/minerals-service")
 * }</pre>
 *
 * @param name            names the consumer in the ledger tables, logs and thread (unique in the service, never
 *                        renamed: its processed ids and sequences are kept under it)
 * @param topics          topics to read
 * @param deadLetterTopic where records that cannot be applied go, with the reason in header {@code mfs_dlq_reason}
 * @param sources         accepted {@code ce_source} values (empty: any); a record from another source is dead-lettered
 * @param groupId         Kafka consumer group (empty: {@code <quarkus.application.name>.<name>})
 */
public record ConsumerSpec(String name, List<String> topics, String deadLetterTopic, Set<String> sources,
        Optional<String> groupId) {

    public ConsumerSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("consumer name must be lower-case letters, digits, '.', '_' or '-': " + name);
        }
        if (topics == null || topics.isEmpty()) {
            throw new IllegalArgumentException("a consumer reads at least one topic");
        }
        topics = List.copyOf(topics);
        sources = sources == null ? Set.of() : Set.copyOf(sources);
        groupId = groupId == null ? Optional.empty() : groupId;
    }

    /** A consumer of {@code topics} whose dead letters go to {@code <first topic>.<name>-dlq} until told otherwise. */
    public static ConsumerSpec of(String name, String... topics) {
        return new ConsumerSpec(name, List.of(topics), topics.length == 0 ? null : topics[0] + "." + name + "-dlq",
                Set.of(), Optional.empty());
    }

    public ConsumerSpec withDeadLetterTopic(String topic) {
        return new ConsumerSpec(name, topics, Objects.requireNonNull(topic), sources, groupId);
    }

    public ConsumerSpec withSources(String... accepted) {
        return new ConsumerSpec(name, topics, deadLetterTopic, Set.of(accepted), groupId);
    }

    public ConsumerSpec withGroupId(String group) {
        return new ConsumerSpec(name, topics, deadLetterTopic, sources, Optional.of(group));
    }
}
