import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The write path of agreements-service: the SQL statements of one create, offered vs achieved creates per second
 * with commit-to-consumer latency beside a plain producer at the same rate, the highest sustainable rate with the
 * CPU of each process, and closed-loop creates per second beside pgbench running the same transaction.
 */
final class Writes {

    static final String BODY = "{\"title\":\"Bench agreement CD-US\",\"type\":\"MINERALS_FOR_SECURITY\",\"parties\":"
            + "[{\"country\":\"CD\",\"role\":\"RESOURCE_HOLDER\"},{\"country\":\"US\",\"role\":\"INVESTOR_PARTNER\"}],"
            + "\"summary\":\"Critical minerals partnership with infrastructure and security cooperation\","
            + "\"coveredMinerals\":[\"cobalt\",\"coltan\"],\"components\":[{\"type\":\"MINERAL_ACCESS\","
            + "\"description\":\"Access\",\"implementationMethod\":\"Joint committee\"}]}";
    static final String TOPIC = "agreements.agreement.v1";
    /** Most creates an open-loop phase keeps waiting for an answer at once (sent or queued for a connection). */
    static final int MAX_IN_FLIGHT = 400;
    /**
     * Connections of an open-loop phase, as a pool of a real client would hold: enough for 400/s at 150 ms each. A
     * create due while all are busy waits for one, and its time counts from when it was due.
     */
    static final int CONNECTIONS = 64;

    private final Stack stack;
    final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

    Writes(Stack stack) {
        this.stack = stack;
    }

    private Http1 client() {
        return new Http1(stack.base + "/api/v1/agreements", stack.token, BODY);
    }

    /** Logs every statement for a few sequential creates and lists the statements of one create's transaction. */
    void statementsPerCreate(int creates) throws Exception {
        try (Connection c = stack.db(); var st = c.createStatement()) {
            st.execute("alter system set log_statement = 'all'");
            st.execute("select pg_reload_conf()");
            Thread.sleep(500);
            try (Http1 http = client()) {
                for (int i = 0; i < creates; i++) {
                    int status = http.post().status();
                    if (status != 201) {
                        throw new IllegalStateException("create answered " + status);
                    }
                }
            }
            st.execute("alter system reset log_statement");
            st.execute("select pg_reload_conf()");
        }
        Thread.sleep(1000);
        Pattern start = Pattern.compile("^(\\d+)(\\|[^|]*\\|)?LOG:  (?:execute [^:]+|statement): (.*)$");
        Map<String, List<String>> open = new ConcurrentHashMap<>();
        List<List<String>> txs = new ArrayList<>();
        List<String> last = null;
        for (String line : Files.readAllLines(stack.pgLog())) {
            Matcher m = start.matcher(line);
            if (!m.matches()) {
                if (last != null && !line.matches("^\\d+(\\|[^|]*\\|)?[A-Z]+:  .*") && !last.isEmpty()) {
                    last.set(last.size() - 1, last.get(last.size() - 1) + " " + line.strip());
                }
                continue;
            }
            String pid = m.group(1);
            String sql = m.group(3).strip();
            if (sql.equalsIgnoreCase("BEGIN")) {
                open.put(pid, new ArrayList<>(List.of("BEGIN")));
            } else if (open.containsKey(pid)) {
                open.get(pid).add(sql);
                if (sql.equalsIgnoreCase("COMMIT") || sql.equalsIgnoreCase("ROLLBACK")) {
                    txs.add(open.remove(pid));
                }
            }
            last = open.get(pid);
        }
        List<List<String>> createTxs = txs.stream().filter(t -> t.stream().anyMatch(s -> s.startsWith("insert into agreement ("))).toList();
        if (createTxs.isEmpty()) {
            System.out.println("statements per create: no create transaction found in " + stack.pgLog());
            return;
        }
        List<String> one = createTxs.get(createTxs.size() - 1);
        System.out.println("statements of one create (" + createTxs.size() + " creates logged):");
        for (String s : one) {
            System.out.println("  " + (s.length() > 110 ? s.substring(0, 110) + "..." : s));
        }
        // the last create: the first ones on a new pooled connection add pgjdbc's one-off column metadata lookup
        int statements = one.size();
        // BEGIN travels with the first statement (pgjdbc sends them in one round trip)
        Stack.result("write.statements_per_create", statements, "statements", null, 0, null, true);
        Stack.result("write.round_trips_per_create", statements - 1, "round trips", null, 0, null, true);
    }

    record Phase(int offered, double offeredPerSecond, double achievedPerSecond, int failed, List<Double> httpMs,
            List<Double> commitToConsumerMs, Map<String, Double> cpu) {
    }

    /**
     * Offers creates at a steady rate for some seconds (open loop): a pacer marks each create due, {@link #CONNECTIONS}
     * connections send them in turn; optionally measures commit-to-consumer.
     */
    Phase offer(int rate, int seconds, boolean latency) throws Exception {
        Map<String, Long> consumedAtMicros = new ConcurrentHashMap<>();
        Map<String, Long> sentAtMillis = new ConcurrentHashMap<>();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        List<Double> httpMs = Collections.synchronizedList(new ArrayList<>());
        BlockingQueue<Long> due = new LinkedBlockingQueue<>();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean pacing = new AtomicBoolean(true);
        AtomicBoolean stop = new AtomicBoolean();
        long[] lastDone = { 0 };
        try (KafkaConsumer<String, String> consumer = latency ? consumer(stack.kafka.bootstrapServers(), TOPIC) : null) {
            Stack.Cpu cpu = stack.new Cpu();
            List<Thread> connections = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                Thread t = new Thread(() -> {
                    try (Http1 http = client()) {
                        while (!stop.get()) {
                            Long t0 = due.poll(20, TimeUnit.MILLISECONDS);
                            if (t0 == null) {
                                if (!pacing.get()) {
                                    return;
                                }
                                continue;
                            }
                            int status;
                            String location = null;
                            try {
                                Http1.Answer a = http.post();
                                status = a.status();
                                location = a.location();
                            } catch (java.io.IOException e) {
                                status = -1;
                            }
                            long now = System.nanoTime();
                            synchronized (lastDone) {
                                lastDone[0] = Math.max(lastDone[0], now);
                            }
                            httpMs.add((now - t0) / 1e6);
                            statuses.merge(status, 1, Integer::sum);
                            if (status == 201) {
                                created.incrementAndGet();
                                if (location != null) {
                                    ids.add(location.substring(location.lastIndexOf('/') + 1));
                                }
                            } else {
                                failed.incrementAndGet();
                            }
                            done.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "create-connection-" + i);
                t.setDaemon(true);
                t.start();
                connections.add(t);
            }
            ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
            long start = System.nanoTime();
            pace.scheduleAtFixedRate(() -> {
                sent.incrementAndGet();
                if (sent.get() - done.get() > MAX_IN_FLIGHT) {
                    // the service is far behind: count it as not served rather than pile up requests that would
                    // still be running in the next phase
                    failed.incrementAndGet();
                    done.incrementAndGet();
                    statuses.merge(-2, 1, Integer::sum);
                    return;
                }
                due.add(System.nanoTime());
            }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                poll(consumer, consumedAtMicros, sentAtMillis, 50);
            }
            pace.shutdown();
            pace.awaitTermination(5, TimeUnit.SECONDS);
            pacing.set(false);
            double offeredSeconds = (System.nanoTime() - start) / 1e9;
            long grace = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (done.get() < sent.get() && System.nanoTime() < grace) {
                poll(consumer, consumedAtMicros, sentAtMillis, 20);
            }
            stop.set(true); // what is still queued is not sent; what is still waiting counts as not answered
            Map<String, Double> cpuUse = cpu.stop();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (consumer != null && System.nanoTime() < until && consumedAtMicros.size() < ids.size()) {
                poll(consumer, consumedAtMicros, sentAtMillis, 100);
            }
            double achievedSeconds = Math.max(offeredSeconds, (lastDone[0] - start) / 1e9);
            List<Double> fromCommit = latency ? fromCommit(ids, consumedAtMicros, sentAtMillis) : List.of();
            failed.addAndGet(sent.get() - done.get());
            return new Phase(sent.get(), sent.get() / offeredSeconds, created.get() / achievedSeconds, failed.get(),
                    httpMs, fromCommit, cpuUse);
        }
    }

    private static void poll(KafkaConsumer<String, String> c, Map<String, Long> at, Map<String, Long> sentAt, long ms)
            throws InterruptedException {
        if (c == null) {
            Thread.sleep(ms);
            return;
        }
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(ms))) {
            Instant now = Instant.now();
            at.putIfAbsent(r.key(), now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
            sentAt.putIfAbsent(r.key(), r.timestamp()); // the relay's producer stamps each record when it sends it
        }
    }

    /**
     * Consumer wall clock minus PostgreSQL's commit timestamp of the transaction that wrote each agreement. Also prints
     * where that time went: commit to the relay's send (the record's CreateTime, milliseconds) and send to the
     * consumer, and the seconds of the phase that held most of the slowest tenth.
     */
    private List<Double> fromCommit(List<String> ids, Map<String, Long> consumedAtMicros, Map<String, Long> sentAtMillis)
            throws Exception {
        List<Double> out = new ArrayList<>();
        List<Double> toSend = new ArrayList<>();
        List<Double> toConsumer = new ArrayList<>();
        List<long[]> committedAndMicros = new ArrayList<>();
        try (Connection c = stack.db();
                PreparedStatement ps = c.prepareStatement(
                        "select id::text, pg_xact_commit_timestamp(xmin) from agreement where id = any(?::uuid[])")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long consumed = consumedAtMicros.get(rs.getString(1));
                    Long sent = sentAtMillis.get(rs.getString(1));
                    java.time.OffsetDateTime committed = rs.getObject(2, java.time.OffsetDateTime.class);
                    if (consumed != null && committed != null) {
                        Instant ci = committed.toInstant();
                        long commitMicros = ci.getEpochSecond() * 1_000_000 + ci.getNano() / 1000;
                        long latency = consumed - commitMicros;
                        out.add(latency / 1000.0);
                        committedAndMicros.add(new long[] { commitMicros, latency });
                        if (sent != null) {
                            toSend.add((sent * 1000 - commitMicros) / 1000.0);
                            toConsumer.add((consumed - sent * 1000) / 1000.0);
                        }
                    }
                }
            }
        }
        if (!out.isEmpty()) {
            System.out.printf("  where it went (ms, the send time has millisecond resolution): commit -> relay send p50 %.1f"
                    + " p99 %.1f; send -> consumer p50 %.1f p99 %.1f%n", Stack.percentile(toSend, 50),
                    Stack.percentile(toSend, 99), Stack.percentile(toConsumer, 50), Stack.percentile(toConsumer, 99));
            double p90 = Stack.percentile(out, 90) * 1000;
            long first = committedAndMicros.stream().mapToLong(a -> a[0]).min().orElse(0);
            Map<Long, Integer> slowBySecond = new java.util.TreeMap<>();
            committedAndMicros.stream().filter(a -> a[1] >= p90)
                    .forEach(a -> slowBySecond.merge((a[0] - first) / 1_000_000, 1, Integer::sum));
            System.out.println("  the slowest tenth by second of the phase (commit time): " + slowBySecond);
        }
        return out;
    }

    /** A plain producer (the relay's settings) to the same broker at the same rate; latency = receipt - send. */
    static List<Double> plainProducer(String bootstrap, int rate, int seconds) throws Exception {
        String topic = "bench.plain-latency.v1";
        ensureTopic(bootstrap, topic);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        String payload = "{\"agreementId\":\"%s\",\"referenceCode\":\"AGR-0123456789AB\",\"title\":\"Bench agreement CD-US\","
                + "\"type\":\"MINERALS_FOR_SECURITY\",\"status\":\"DRAFT\",\"parties\":[{\"country\":\"CD\",\"role\":"
                + "\"RESOURCE_HOLDER\"},{\"country\":\"US\",\"role\":\"INVESTOR_PARTNER\"}],\"coveredMinerals\":"
                + "[\"cobalt\",\"coltan\"],\"createdAt\":\"2026-01-01T00:00:00Z\"}";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(bootstrap), new StringSerializer(),
                new StringSerializer()); KafkaConsumer<String, String> consumer = consumer(bootstrap, topic)) {
            ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
            long start = System.nanoTime();
            pace.scheduleAtFixedRate(() -> {
                String key = UUID.randomUUID().toString();
                sentAt.put(key, System.nanoTime());
                producer.send(new ProducerRecord<>(topic, key, String.format(payload, key)));
            }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long drainEnd = end + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < drainEnd) {
                if (System.nanoTime() > end) {
                    pace.shutdown();
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                    Long t = sentAt.remove(r.key());
                    if (t != null) {
                        latencies.add((System.nanoTime() - t) / 1e6);
                    }
                }
            }
            pace.shutdownNow();
        }
        return latencies;
    }

    /** The relay's producer settings (OutboxRelay.newProducer): acks=all, idempotent, no linger, 256 KiB batches. */
    static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "0");
        p.put("batch.size", Integer.toString(256 * 1024));
        return p;
    }

    static void ensureTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
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

    /** Closed loop: {@code clients} threads each posting creates one after another; creates per second. */
    double closedLoop(int clients, int seconds) throws Exception {
        long start = System.nanoTime();
        int n = closedLoopCount(clients, seconds);
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Closed loop; how many creates answered 201. */
    int closedLoopCount(int clients, int seconds) throws Exception {
        AtomicInteger created = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                try (Http1 http = client()) {
                    while (System.nanoTime() < end) {
                        if (http.post().status() == 201) {
                            created.incrementAndGet();
                        }
                    }
                } catch (java.io.IOException e) {
                    // the service is gone: the count so far stands
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return created.get();
    }
}
