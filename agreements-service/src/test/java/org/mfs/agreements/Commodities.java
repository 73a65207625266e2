package org.mfs.agreements;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays minerals-service: publishes commodity events on minerals.commodity.v1 as it does (CloudEvents headers). */
final class Commodities {

    static final String TOPIC = "minerals.commodity.v1";

    private Commodities() {
    }

    static void ensureTopic(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                try {
                    admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    /** Sends one record; returns its ce_id. */
    static String send(String bootstrap, String key, String type, String json) throws Exception {
        return send(bootstrap, key, type, json, null, "/minerals-service");
    }

    /** Sends one record with a ce_sequence (none when null) and a ce_source; returns its ce_id. */
    static String send(String bootstrap, String key, String type, String json, Long sequence, String source)
            throws Exception {
        ensureTopic(bootstrap);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        String id = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> r = new ProducerRecord<>(TOPIC, key, json);
            r.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_source", source.getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_subject", key.getBytes(StandardCharsets.UTF_8));
            if (sequence != null) {
                r.headers().add("ce_sequence", sequence.toString().getBytes(StandardCharsets.UTF_8));
            }
            if (type != null) {
                r.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            }
            r.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            producer.send(r).get();
        }
        return id;
    }

    static String created(String bootstrap, String code, String name) throws Exception {
        return send(bootstrap, code, "commodity.created.v1",
                "{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"symbol\":null,\"version\":0}");
    }

    /** Publishes cobalt, coltan, gold, copper and lithium and waits until the read model has them. */
    static void seed(String bootstrap, TestDb db) throws Exception {
        if (db.count("select count(*) from commodity where code in ('cobalt','coltan','gold','copper','lithium')") == 5) {
            return;
        }
        for (String[] c : new String[][] { { "cobalt", "Cobalt" }, { "coltan", "Coltan" }, { "gold", "Gold" },
                { "copper", "Copper" }, { "lithium", "Lithium" } }) {
            created(bootstrap, c[0], c[1]);
        }
        await(db, "select count(*) from commodity where code in ('cobalt','coltan','gold','copper','lithium')", 5);
    }

    static void await(TestDb db, String sql, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long n = -1;
        while (System.nanoTime() < deadline) {
            n = db.count(sql);
            if (n == expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("waited 60 s for " + sql + " = " + expected + ", last " + n);
    }
}
