package org.mfs.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code deploy/run-local events <topic>...}: prints every event of the topics from the beginning, then
 * follows them, as an integrator's plain Kafka consumer would see them (key, CloudEvents headers, payload).
 */
public final class EventTail {

    private EventTail() {
    }

    public static void main(String[] args, Map<String, String> env) {
        String bootstrap = bootstrap(env);
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--bootstrap") && i + 1 < args.length) {
                bootstrap = args[++i];
            } else if (args[i].startsWith("--bootstrap=")) {
                bootstrap = args[i].substring("--bootstrap=".length());
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                topics.clear();
                break;
            } else {
                topics.add(args[i]);
            }
        }
        if (topics.isEmpty()) {
            System.err.println("usage: deploy/run-local events [--bootstrap host:port] <topic> [<topic>...]");
            System.err.println("       for example: deploy/run-local events agreements.agreement.v1");
            System.exit(StackException.USAGE);
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "run-local-events-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        AtomicBoolean closing = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closing.set(true);
            consumer.wakeup();
            try {
                main.join(5000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.println("Following " + String.join(", ", topics) + " on " + bootstrap + " from the beginning (Ctrl-C to stop)");
        try (consumer) {
            consumer.subscribe(topics);
            while (!closing.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    System.out.println(format(r));
                }
            }
        } catch (WakeupException stopping) {
            // Ctrl-C
        }
    }

    /**
     * The broker to read: {@code MFS_KAFKA_BOOTSTRAP} when set, else the one the running local stack recorded in its
     * data folder ({@code MFS_DATA_DIR} or the default), else the default port on this host.
     */
    static String bootstrap(Map<String, String> env) {
        String explicit = env.get("MFS_KAFKA_BOOTSTRAP");
        if (explicit != null && !explicit.isBlank()) {
            return explicit.strip();
        }
        try {
            Path recorded = StackInfrastructure.kafkaBootstrapFile(StackConfig.fromEnvironment(env, new String[0]).dataDir());
            if (Files.isRegularFile(recorded)) {
                String value = Files.readString(recorded).strip();
                if (!value.isEmpty()) {
                    return value;
                }
            }
        } catch (IOException | StackException e) {
            // no usable record: the default below
        }
        return "127.0.0.1:" + env.getOrDefault("MFS_KAFKA_PORT", Integer.toString(StackConfig.DEFAULT_KAFKA_PORT));
    }

    static String format(ConsumerRecord<String, String> r) {
        StringBuilder b = new StringBuilder();
        b.append("--- ").append(r.topic()).append('/').append(r.partition()).append('@').append(r.offset())
                .append("  key=").append(r.key()).append(System.lineSeparator());
        for (Header h : r.headers()) {
            b.append("    ").append(h.key()).append(": ")
                    .append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)).append(System.lineSeparator());
        }
        b.append("    ").append(r.value());
        return b.toString();
    }
}
