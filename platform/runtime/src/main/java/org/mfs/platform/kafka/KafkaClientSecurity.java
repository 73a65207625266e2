package org.mfs.platform.kafka;

import java.util.List;
import java.util.Properties;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The connection security every Kafka client of the suite uses (the relay's producer and admin client, the event
 * consumers and their dead-letter producers): {@code kafka.security.protocol}, {@code kafka.sasl.*} and
 * {@code kafka.ssl.*} settings from the configuration, passed to the client under their Kafka names. Unset, a
 * client connects in plain text as before (the local stack and the tests). On Kubernetes the chart sets them as
 * environment variables ({@code KAFKA_SECURITY_PROTOCOL=SASL_SSL}, {@code KAFKA_SASL_MECHANISM=SCRAM-SHA-512},
 * {@code KAFKA_SASL_JAAS_CONFIG} from the service's KafkaUser Secret, the brokers' CA as a PEM truststore).
 */
public final class KafkaClientSecurity {

    /** Kafka client settings taken from {@code kafka.<name>} when set. */
    static final List<String> SETTINGS = List.of(
            "security.protocol",
            "sasl.mechanism",
            "sasl.jaas.config",
            "ssl.truststore.type",
            "ssl.truststore.location",
            "ssl.truststore.password",
            "ssl.keystore.type",
            "ssl.keystore.location",
            "ssl.keystore.password",
            "ssl.endpoint.identification.algorithm");

    private KafkaClientSecurity() {
    }

    /** Adds the configured security settings to a client's properties and returns them. */
    public static Properties apply(Properties client) {
        return apply(client, ConfigProvider.getConfig());
    }

    static Properties apply(Properties client, Config config) {
        for (String name : SETTINGS) {
            config.getOptionalValue("kafka." + name, String.class).filter(v -> !v.isBlank())
                    .ifPresent(v -> client.put(name, v));
        }
        return client;
    }
}
