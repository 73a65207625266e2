import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Relay throughput after a broker outage, both sides warmed up first (the relay drains half as many rows with the
 * broker up, the plain producer sends half as many records to a topic of its own; neither is measured): with the
 * broker frozen (SIGSTOP) a backlog of outbox rows builds up
 * (4 events per aggregate on average, each row's aggregate drawn at random, as independent writes leave them); once the broker is back the relay
 * drains it, timed from the first record it sent (seen by a waiting consumer) to the commit of its last batch (no
 * unsent row left). Beside it, in the same run and to the same broker, a plain KafkaProducer with the relay's
 * settings sends the same records (same keys, payloads, CloudEvents headers) to a topic with the same partitions,
 * timed from its first send to the end of its flush (every record acknowledged). The drained order is checked per aggregate: each
 * aggregate's events must first arrive in sequence order (a repeat of an earlier one is allowed, at-least-once).
 */
final class RelayDrain {

    static final String PLAIN_TOPIC = "bench.plain-drain.v1";

    record Drain(int records, double seconds, int orderViolations, int duplicates, double firstAfterResumeSeconds) {
        double rate() {
            return records / seconds;
        }
    }

    static void run(Stack stack, int rows) throws Exception {
        String bootstrap = stack.kafka.bootstrapServers();
        Writes.ensureTopic(bootstrap, PLAIN_TOPIC);
        Writes.ensureTopic(bootstrap, Writes.TOPIC);
        try (KafkaConsumer<String, byte[]> relayed = atEnd(bootstrap, Writes.TOPIC);
                KafkaConsumer<String, byte[]> plain = atEnd(bootstrap, PLAIN_TOPIC)) {
            int warm = rows / 2;
            System.out.printf("relay drain: warm-up (not measured), %d rows through the relay with the broker up%n", warm);
            fill(stack, "bench-warm-", warm);
            if (awaitEmpty(stack, Duration.ofSeconds(warm / 200 + 60)) == 0) {
                System.out.println("WARNING: the relay did not drain the warm-up rows");
            }
            relayed.seekToEnd(relayed.assignment());
            relayed.assignment().forEach(relayed::position);
            System.out.printf("relay drain: freezing the broker, writing a backlog of %d outbox rows%n", rows);
            stack.kafka.pause();
            long fill = System.nanoTime();
            fill(stack, "bench-drain-", rows);
            System.out.printf("  %d rows written in %.1f s; loading them for the plain producer%n", rows,
                    (System.nanoTime() - fill) / 1e9);
            List<ProducerRecord<String, byte[]>> records = sameRecords(stack, rows);
            Thread.sleep(2000); // the relay is now stuck on its first batch or backing off
            Stack.Cpu cpu = stack.new Cpu();
            long[] emptyAt = { 0 };
            Thread watcher = new Thread(() -> emptyAt[0] = awaitEmpty(stack, Duration.ofSeconds(rows / 200 + 60)));
            long resumed = System.nanoTime();
            stack.kafka.resume();
            watcher.start();
            Drain received = consume(relayed, rows, resumed, Duration.ofSeconds(rows / 200 + 60));
            watcher.join();
            Map<String, Double> relayCpu = cpu.stop();
            // from the first record the relay sent after the broker came back (its backoff is reported apart) to the
            // commit of its last batch (every row acknowledged): the pace of the reading consumer does not count
            long firstAt = resumed + (long) (received.firstAfterResumeSeconds() * 1e9);
            Drain relay = new Drain(received.records(), emptyAt[0] == 0 ? received.seconds() : (emptyAt[0] - firstAt) / 1e9,
                    received.orderViolations(), received.duplicates(), received.firstAfterResumeSeconds());
            long unsent;
            try (Connection c = stack.db(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select count(*) from outbox_event where published_at is null")) {
                rs.next();
                unsent = rs.getLong(1);
            }
            warmUpPlainProducer(bootstrap, records.subList(0, warm));
            Stack.Cpu cpu2 = stack.new Cpu();
            long[] flushedAt = { 0 };
            long sendStart = System.nanoTime();
            Thread sender = new Thread(() -> {
                Properties p = Writes.producerProps(bootstrap);
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                        new ByteArraySerializer())) {
                    for (ProducerRecord<String, byte[]> r : records) {
                        producer.send(r);
                    }
                    producer.flush(); // every record acknowledged
                    flushedAt[0] = System.nanoTime();
                }
            });
            sender.start();
            Drain plainReceived = consume(plain, rows, sendStart, Duration.ofSeconds(rows / 200 + 60));
            sender.join();
            Map<String, Double> plainCpu = cpu2.stop();
            Drain baseline = new Drain(plainReceived.records(), (flushedAt[0] - sendStart) / 1e9,
                    plainReceived.orderViolations(), plainReceived.duplicates(), plainReceived.firstAfterResumeSeconds());

            System.out.println();
            System.out.println("drain of the backlog                records   seconds   records/s   order violations   repeats");
            System.out.printf("baseline: plain producer          %8d %9.2f %11.0f %18d %9d%n", baseline.records(), baseline.seconds(),
                    baseline.rate(), baseline.orderViolations(), baseline.duplicates());
            System.out.printf("outbox relay                      %8d %9.2f %11.0f %18d %9d%n", relay.records(), relay.seconds(),
                    relay.rate(), relay.orderViolations(), relay.duplicates());
            System.out.printf("relay/plain %.2f (target >= 0.5); first relayed record %.1f s after the broker came back"
                    + " (the relay's backoff); rows left unsent: %d%n", relay.rate() / baseline.rate(),
                    relay.firstAfterResumeSeconds(), unsent);
            System.out.println("cpu during the relay's drain: " + Stack.describe(relayCpu));
            System.out.println("cpu during the plain producer: " + Stack.describe(plainCpu));
            Stack.result("relay.drain_rate", relay.rate(), "records/s", "plain producer", baseline.rate(), ">= 0.5x",
                    relay.records() == rows && relay.rate() >= 0.5 * baseline.rate());
            Stack.result("relay.drain_order_violations", relay.orderViolations(), "aggregates", null, 0, "0",
                    relay.orderViolations() == 0);
            Stack.result("relay.drain_unsent_after", unsent, "rows", null, 0, "0", unsent == 0);
        }
    }

    /**
     * Writes {@code rows} outbox rows in one transaction, 4 per aggregate on average, each row's aggregate drawn at
     * random; aggregate ids start with {@code prefix}.
     */
    private static void fill(Stack stack, String prefix, int rows) throws Exception {
        try (Connection c = stack.db(); Statement st = c.createStatement()) {
            st.execute("""
                    insert into outbox_event (id, topic, aggregate_type, aggregate_id, sequence, event_type, source, occurred_at, payload)
                    select gen_random_uuid(), 'agreements.agreement.v1', 'agreement', '%3$s' || a,
                           row_number() over (partition by a order by g), 'agreement.updated.v1', '/agreements-service', now(),
                           json_build_object('agreementId', '%3$s' || a, 'referenceCode', 'AGR-BENCH' || a,
                                             'changedFields', json_build_array('title', 'summary', 'parties'),
                                             'version', g, 'updatedAt', now(), 'actor', 'bench-admin',
                                             'note', repeat('x', 120))
                    from (select g, floor(random() * %1$d)::int as a from generate_series(0, %2$d - 1) g) x
                    order by g""".formatted(Math.max(1, rows / 4), rows, prefix));
        }
    }

    /**
     * Warm-up of the baseline, not measured: the plain producer sends these records once to a topic of its own, so
     * it is measured with its code compiled, like the relay after its warm-up.
     */
    private static void warmUpPlainProducer(String bootstrap, List<ProducerRecord<String, byte[]>> records) throws Exception {
        String topic = PLAIN_TOPIC + "-warm-up";
        Writes.ensureTopic(bootstrap, topic);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Writes.producerProps(bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers()));
            }
            producer.flush();
        }
    }

    /** Waits until no outbox row is unsent (polling every 20 ms); returns when, or 0 after the timeout. */
    private static long awaitEmpty(Stack stack, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = stack.db(); Statement st = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery("select not exists (select 1 from outbox_event where published_at is null)")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return System.nanoTime();
                    }
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            System.out.println("watching the backlog failed: " + e);
        }
        return 0;
    }

    /** The records the relay makes of these rows (OutboxRow.toRecord), for the plain producer's topic. */
    private static List<ProducerRecord<String, byte[]>> sameRecords(Stack stack, int rows) throws Exception {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(rows);
        try (Connection c = stack.db(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        select id, aggregate_id, sequence, event_type, source, occurred_at, payload::text
                        from outbox_event where aggregate_id like 'bench-drain-%' order by position""")) {
            while (rs.next()) {
                RecordHeaders h = new RecordHeaders();
                h.add("ce_specversion", b("1.0"));
                h.add("ce_id", b(rs.getString(1)));
                h.add("ce_source", b(rs.getString(5)));
                h.add("ce_type", b(rs.getString(4)));
                h.add("ce_subject", b(rs.getString(2)));
                h.add("ce_time", b(rs.getObject(6, java.time.OffsetDateTime.class).toInstant().toString()));
                h.add("ce_sequence", b(Long.toString(rs.getLong(3))));
                h.add("content-type", b("application/json"));
                out.add(new ProducerRecord<>(PLAIN_TOPIC, null, rs.getString(2), b(rs.getString(7)), h));
            }
        }
        return out;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A consumer of every partition of {@code topic}, positioned at its current end. */
    private static KafkaConsumer<String, byte[]> atEnd(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("fetch.max.wait.ms", "50");
        p.put("max.poll.records", "2000");
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }

    /** Reads until {@code expected} distinct events arrived; checks first-delivery order per aggregate. */
    private static Drain consume(KafkaConsumer<String, byte[]> c, int expected, long since, Duration timeout) {
        Set<String> ids = new HashSet<>(expected * 2);
        Map<String, Long> last = new HashMap<>();
        int violations = 0;
        int repeats = 0;
        long first = 0;
        long lastAt = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ids.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                String id = header(r, "ce_id");
                if (id == null || !r.key().startsWith("bench-drain-")) {
                    continue;
                }
                long now = System.nanoTime();
                if (first == 0) {
                    first = now;
                }
                lastAt = now;
                long seq = Long.parseLong(header(r, "ce_sequence"));
                long prev = last.getOrDefault(r.key(), 0L);
                if (!ids.add(id) || seq <= prev) {
                    repeats++;
                } else if (seq != prev + 1) {
                    violations++;
                    last.put(r.key(), seq);
                } else {
                    last.put(r.key(), seq);
                }
            }
        }
        if (ids.size() < expected) {
            System.out.printf("WARNING: only %d of %d events arrived within %d s%n", ids.size(), expected, timeout.toSeconds());
        }
        double secs = first == 0 ? Double.NaN : Math.max(1e-3, (lastAt - first) / 1e9);
        return new Drain(ids.size(), secs, violations, repeats, first == 0 ? Double.NaN : (first - since) / 1e9);
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
