import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.LocalKafka;
import org.mfs.platform.infra.LocalPostgres;

/**
 * Commit-to-consumer event latency of the outbox at a steady write rate, with a baseline measured in the
 * same run: a plain Kafka producer writing straight to the same broker at the same rate (the floor any
 * outbox can approach). The commit time of each create is PostgreSQL's own commit timestamp
 * ({@code track_commit_timestamp}) of the transaction that wrote the agreement and its outbox row; the
 * consumer is a plain KafkaConsumer. After 10 s of warm-up at the same rate, each phase is measured for the
 * given seconds. Starts its own PostgreSQL, Kafka and agreements-service; stops them at the end.
 *
 * Arguments: rate (writes/s, default 200), seconds (default 30).
 */
public class EventLatency {

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path work = Files.createTempDirectory("mfs-bench-latency");
        Path repo = Path.of(System.getProperty("repo", ".")).toAbsolutePath().normalize();

        LocalPostgres pg = LocalPostgres.start(null, LocalKafka.freePort(), Map.of("track_commit_timestamp", "on"));
        pg.ensureDatabase("agreements");
        LocalKafka kafka = LocalKafka.onFreePorts(work.resolve("kafka"));
        kafka.start(Duration.ofSeconds(90));
        int port = LocalKafka.freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                repo.resolve("agreements-service/target/quarkus-app/quarkus-run.jar").toString());
        pb.environment().put("AGREEMENTS_DB_URL", pg.jdbcUrl("agreements"));
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        pb.environment().put("MFS_OUTBOX_REPLICATION_FACTOR", "1"); // one local broker
        pb.environment().put("MFS_OUTBOX_MIN_INSYNC_REPLICAS", "1");
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Process service = pb.redirectErrorStream(true).redirectOutput(work.resolve("agreements-service.log").toFile()).start();
        try {
            System.out.printf("rate %d/s for %d s per phase; logs in %s%n", rate, seconds, work);
            HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
            awaitReady(http, "http://127.0.0.1:" + port + "/q/health/ready", Duration.ofSeconds(120));

            // warm-up: the same load for 10 s each (JIT, connection pools, producer metadata), not measured
            baseline(kafka.bootstrapServers(), rate, 10);
            outbox(http, "http://127.0.0.1:" + port + "/api/v1/agreements", kafka.bootstrapServers(),
                    pg.jdbcUrl("agreements"), rate, 10);
            System.out.println("warmed up; measuring");
            Result baseline = baseline(kafka.bootstrapServers(), rate, seconds);
            Result[] all = outbox(http, "http://127.0.0.1:" + port + "/api/v1/agreements", kafka.bootstrapServers(),
                    pg.jdbcUrl("agreements"), rate, seconds);
            Result outbox = all[0];
            System.out.println();
            System.out.println("latency to a plain consumer       writes/s   p50 ms   p99 ms   max ms   events");
            baseline.print("baseline: plain producer send");
            outbox.print("outbox: from commit");
            all[1].print("outbox: from ce_time (in tx)");
            all[2].print("outbox: from the 201 response");
            System.out.printf("ratio outbox/baseline: p50 %.2f, p99 %.2f%n", outbox.p(50) / baseline.p(50),
                    outbox.p(99) / baseline.p(99));
            System.out.printf("target: commit-to-consumer p99 < 50 ms -> %s (%.1f ms)%n", outbox.p(99) < 50 ? "MET" : "MISSED",
                    outbox.p(99));
        } finally {
            service.destroy();
            service.waitFor(20, TimeUnit.SECONDS);
            kafka.stop(Duration.ofSeconds(20));
            pg.close();
        }
        System.exit(0); // the HTTP client's and the pacers' threads would keep the JVM alive
    }

    record Result(double writesPerSecond, List<Double> latenciesMs) {
        double p(int percentile) {
            List<Double> s = new ArrayList<>(latenciesMs);
            Collections.sort(s);
            if (s.isEmpty()) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(percentile / 100.0 * s.size()) - 1;
            return s.get(Math.max(0, Math.min(s.size() - 1, i)));
        }

        void print(String name) {
            System.out.printf("%-32s %9.1f %8.1f %8.1f %8.1f %8d%n", name, writesPerSecond, p(50), p(99), p(100),
                    latenciesMs.size());
        }
    }

    /** Plain producer to the same broker at the same rate; latency = consumer receipt - send time. */
    static Result baseline(String bootstrap, int rate, int seconds) throws Exception {
        String topic = "bench.baseline.v1";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("linger.ms", "0");
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
                KafkaConsumer<String, String> consumer = consumer(bootstrap, topic)) {
            AtomicInteger sent = new AtomicInteger();
            ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
            long start = System.nanoTime();
            pace.scheduleAtFixedRate(() -> {
                String key = UUID.randomUUID().toString();
                sentAt.put(key, System.nanoTime());
                producer.send(new ProducerRecord<>(topic, key, "{\"n\":" + sent.incrementAndGet() + "}"));
            }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                    Long t = sentAt.remove(r.key());
                    if (t != null) {
                        latencies.add((System.nanoTime() - t) / 1e6);
                    }
                }
            }
            pace.shutdownNow();
            double elapsed = (System.nanoTime() - start) / 1e9;
            drain(consumer, Duration.ofSeconds(3), r -> {
                Long t = sentAt.remove(r.key());
                if (t != null) {
                    latencies.add((System.nanoTime() - t) / 1e6);
                }
            });
            return new Result(sent.get() / elapsed, latencies);
        }
    }

    /**
     * Creates through the REST API at a steady rate. The commit happens between the event's ce_time (taken inside
     * the transaction, before commit) and the 201 response (sent after commit), so the latency is reported from
     * both: from ce_time (an upper bound of commit-to-consumer) and from the response (a lower bound).
     */
    static Result[] outbox(HttpClient http, String url, String bootstrap, String jdbcUrl, int rate, int seconds)
            throws Exception {
        List<Double> fromCeTime = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> respondedAt = new ConcurrentHashMap<>();
        Map<String, Long> consumedAt = new ConcurrentHashMap<>();
        Map<String, Instant> consumedWallClock = new ConcurrentHashMap<>();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        String body = "{\"title\":\"Benchmark agreement\",\"type\":\"FRAMEWORK\",\"parties\":"
                + "[{\"country\":\"CD\",\"role\":\"RESOURCE_HOLDER\"},{\"country\":\"US\",\"role\":\"INVESTOR_PARTNER\"}]}";
        java.util.function.Consumer<ConsumerRecord<String, String>> onEvent = r -> {
            consumedAt.put(r.key(), System.nanoTime());
            consumedWallClock.put(r.key(), Instant.now());
            fromCeTime.add(latencyFromCeTime(r));
        };
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, "agreements.agreement.v1")) {
            ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
            long start = System.nanoTime();
            pace.scheduleAtFixedRate(() -> http.sendAsync(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .thenAccept(r -> {
                        long now = System.nanoTime();
                        if (r.statusCode() == 201) {
                            created.incrementAndGet();
                            r.headers().firstValue("Location")
                                    .ifPresent(l -> respondedAt.put(l.substring(l.lastIndexOf('/') + 1), now));
                        } else {
                            failed.incrementAndGet();
                        }
                    }),
                    0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(50)).forEach(onEvent);
            }
            pace.shutdownNow();
            double elapsed = (System.nanoTime() - start) / 1e9;
            drain(consumer, Duration.ofSeconds(5), onEvent);
            if (failed.get() > 0) {
                System.out.println("WARNING: " + failed.get() + " creates did not answer 201");
            }
            List<Double> fromResponse = new ArrayList<>();
            respondedAt.forEach((id, t) -> {
                Long c = consumedAt.get(id);
                if (c != null) {
                    fromResponse.add(Math.max(0, c - t) / 1e6);
                }
            });
            // the exact commit time of each create: PostgreSQL's commit timestamp of the agreement row's transaction
            // (the same transaction that wrote the outbox row; track_commit_timestamp is on for this run)
            List<Double> fromCommit = new ArrayList<>();
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, LocalPostgres.PASSWORD);
                    java.sql.Statement st = c.createStatement();
                    java.sql.ResultSet rs = st.executeQuery("select id::text, pg_xact_commit_timestamp(xmin) from agreement")) {
                while (rs.next()) {
                    Instant consumed = consumedWallClock.get(rs.getString(1));
                    java.time.OffsetDateTime committed = rs.getObject(2, java.time.OffsetDateTime.class);
                    if (consumed != null && committed != null) {
                        fromCommit.add(Duration.between(committed.toInstant(), consumed).toNanos() / 1e6);
                    }
                }
            }
            return new Result[] { new Result(created.get() / elapsed, fromCommit),
                    new Result(created.get() / elapsed, fromCeTime), new Result(created.get() / elapsed, fromResponse) };
        }
    }

    static double latencyFromCeTime(ConsumerRecord<String, String> r) {
        Instant t = Instant.parse(KafkaProbe.header(r, "ce_time"));
        Instant now = Instant.now();
        return Duration.between(t, now).toNanos() / 1e6;
    }

    static KafkaConsumer<String, String> consumer(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "bench-" + UUID.randomUUID());
        p.put("auto.offset.reset", "latest");
        p.put("fetch.max.wait.ms", "10");
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        c.subscribe(List.of(topic));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (c.assignment().isEmpty() && System.nanoTime() < deadline) {
            c.poll(Duration.ofMillis(100));
        }
        return c;
    }

    static void drain(KafkaConsumer<String, String> c, Duration d, java.util.function.Consumer<ConsumerRecord<String, String>> f) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            c.poll(Duration.ofMillis(100)).forEach(f);
        }
    }

    static void awaitReady(HttpClient http, String url, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("service not ready: " + url);
    }
}
