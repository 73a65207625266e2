package org.mfs.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The environment variables the Helm chart sets reach every Kafka client as Kafka settings. */
class KafkaClientSecurityTest {

    static Config env(Map<String, String> vars) {
        return new SmallRyeConfigBuilder().withSources(new EnvConfigSource(vars, 300)).build();
    }

    static Properties client() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "mfs-kafka-kafka-bootstrap:9093");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    @Test
    void theChartsScramOverTlsSettingsBecomeTheClientsSettings() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"agreements-service\" password=\"s3cret\";";
        Properties p = KafkaClientSecurity.apply(client(), env(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", jaas,
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/mfs/kafka-ca/ca.crt")));
        // Kafka's own parsing of producer settings accepts them with these meanings
        ProducerConfig parsed = new ProducerConfig(p);
        assertEquals("SASL_SSL", parsed.getString("security.protocol"));
        assertEquals("SCRAM-SHA-512", parsed.getString("sasl.mechanism"));
        assertEquals(jaas, parsed.getPassword("sasl.jaas.config").value());
        assertEquals("PEM", parsed.getString("ssl.truststore.type"));
        assertEquals("/etc/mfs/kafka-ca/ca.crt", parsed.getString("ssl.truststore.location"));
    }

    @Test
    void withoutSettingsAClientStaysPlainTextAsInTheLocalStack() {
        Properties p = KafkaClientSecurity.apply(client(), env(Map.of("KAFKA_SASL_MECHANISM", "")));
        assertEquals(client(), p);
        assertEquals("PLAINTEXT", new ProducerConfig(p).getString("security.protocol"));
    }

    @Test
    void aMisspeltProtocolFailsWhenTheClientIsBuiltNotSilently() {
        Properties p = KafkaClientSecurity.apply(client(), env(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_TLS")));
        assertThrows(ConfigException.class, () -> new ProducerConfig(p));
    }
}
